// How days, times and periods read in Chinese on a phone: "11月27日 周五 16:30", "2026年11月", "第48周".
import { isoWeekday } from '../../lib/periods.ts';
import { shanghaiDay, shanghaiTime } from '../../lib/shanghai.ts';

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export function dayText(day: string): string {
  const [, m, d] = day.split('-').map(Number);
  return `${m}月${d}日 ${WEEKDAYS[isoWeekday(day)]}`;
}

export function instantText(at: Date): string {
  return `${dayText(shanghaiDay(at))} ${shanghaiTime(at)}`;
}

/** "今天 16:30", "明天 12:00", or the full date when further away. */
export function dueText(at: Date, now: Date): string {
  const day = shanghaiDay(at);
  const today = shanghaiDay(now);
  const tomorrow = shanghaiDay(new Date(now.getTime() + 86400_000));
  const time = shanghaiTime(at);
  if (day === today) return `今天 ${time}`;
  if (day === tomorrow) return `明天 ${time}`;
  return `${dayText(day)} ${time}`;
}

export function periodText(periodKey: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(periodKey))) return dayText(periodKey);
  if ((m = /^(\d{4})-(\d{2})$/.exec(periodKey))) return `${m[1]}年${Number(m[2])}月`;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(periodKey))) return `${m[1]}年第${Number(m[2])}周`;
  if ((m = /^(\d{4})-Q(\d)$/.exec(periodKey))) return `${m[1]}年第${m[2]}季度`;
  if ((m = /^(\d{4})-H(\d)$/.exec(periodKey))) return `${m[1]}年${m[2] === '1' ? '上' : '下'}半年`;
  if ((m = /^(\d{4})$/.exec(periodKey))) return `${m[1]}年`;
  if ((m = /^onboarding-(week|month|year):(.+)$/.exec(periodKey)))
    return `上任${m[1] === 'week' ? '首周' : m[1] === 'month' ? '首月' : '首年'}`;
  if ((m = /^(\d{4})-([a-z_]+)$/.exec(periodKey))) return `${m[1]}年节日`;
  return periodKey;
}

/** "\n已公示的合计更正为：2026年第48周 4 元 · 0 分（下次公示时一并更正）": announced totals a waiver or leave changed, or ''. */
export function correctedText(corrected: { periodText: string; yuan: number; points: number }[]): string {
  const n = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
  return corrected.length
    ? `\n已公示的合计更正为：${corrected.map((c) => `${c.periodText} ${n(c.yuan)} 元 · ${n(c.points)} 分`).join('；')}（下次公示时一并更正）`
    : '';
}
