// Cards of the quality center's own work: joint inspections scheduled, deductions recorded, red lines.
import { button, card, escapeMarkdown as esc, markdown, note, type ActionValue, type Card } from './kit.ts';

export const QUALITY_TEXT = {
  notQuality: '该功能由品质管理中心使用。',
  scheduled: '已安排',
  recorded: '已记录',
  noCenters: '暂无可选的服务中心。',
  noManager: '服务中心：该日期没有在任经理',
  notePlaceholder: '底线问题必填：写明发现的情况（至少 10 个字）',
  redlineNote: (min: number) => `说明：底线问题须写明发现的情况，至少 ${min} 个字`,
};

export function jointScheduledCard(p: { day: string; centers: string[] }): Card {
  return card({
    title: '联合检查 · 已安排',
    color: 'green',
    summary: '联合检查已安排',
    // a joint inspection of many centers: the names that fit, then the count
    elements: [markdown(`${p.day}：${esc(centersText(p.centers))}`), note('各服务中心经理已收到通知，当天需提交参加情况。')],
  });
}

const CENTER_NAMES = 100;
const centersText = (names: string[]) =>
  names.length > CENTER_NAMES ? `${names.slice(0, CENTER_NAMES).join('、')} 等 ${names.length} 个服务中心` : names.join('、');

export function jointNoticeCard(p: { day: string; by: string }): Card {
  return card({
    title: '品质联合检查通知',
    color: 'indigo',
    summary: `${p.day} 联合检查`,
    elements: [
      markdown(
        `品质管理中心（${esc(p.by)}）安排于 **${p.day}** 对本服务中心进行联合检查，请届时参加，并在当天 18:00 前提交参加情况。缺席按规定扣 3 分。`,
      ),
    ],
  });
}

export function deductionRecordedCard(p: {
  center: string;
  manager: string;
  item: string;
  count: number;
  points: number;
  redline: boolean;
  note?: string | null;
}): Card {
  return card({
    title: p.redline ? '底线问题 · 已上报' : '扣分 · 已记录',
    color: p.redline ? 'red' : 'green',
    summary: p.redline ? '底线问题已上报' : '扣分已记录',
    elements: [
      markdown(
        p.redline
          ? `${esc(p.center)}（经理 ${esc(p.manager)}）：${redlineWords(p.item)}「${esc(p.note ?? '')}」，已立即上报分管领导和行政管理部`
          : `${esc(p.center)}（经理 ${esc(p.manager)}）：${esc(p.item)}${p.count > 1 ? ` ${p.count} 次` : ''}，共 ${p.points} 分`,
      ),
    ],
  });
}

/** 「底线问题」, or 「底线问题（睡岗）」 when the rule has a title of its own. */
const redlineWords = (item: string) => (item === '底线问题' ? '底线问题' : `底线问题（${esc(item)}）`);

/** Before a red line is booked: what, where, the description, and a second tap (确认上报) or back to the form. */
export function redlineConfirmCard(p: {
  center: string;
  manager: string;
  item: string;
  day: string;
  note: string;
  confirm: ActionValue;
  back: ActionValue;
}): Card {
  return card({
    title: '确认上报底线问题',
    color: 'red',
    summary: '确认上报底线问题',
    elements: [
      markdown(`**${esc(p.center)}**（经理 ${esc(p.manager)}）\n${p.day} ${redlineWords(p.item)}\n情况：${esc(p.note)}`),
      markdown("<font color='red'>确认后将立即加急通知分管领导和行政管理部；按规定，服务中心经理应立即免职。请核实无误后再确认。</font>"),
      button({ name: 'confirm_redline', text: '确认上报', type: 'danger', value: p.confirm }),
      button({ name: 'edit_deduction', text: '返回修改', value: p.back }),
    ],
  });
}

export function deductionNoticeCard(p: {
  item: string;
  count: number;
  points: number;
  day: string;
  note: string | null;
  redline: boolean;
}): Card {
  return card({
    title: p.redline ? '底线问题' : '品质扣分通知',
    color: p.redline ? 'red' : 'orange',
    summary: p.redline ? '底线问题' : `扣 ${p.points} 分`,
    elements: [
      markdown(
        p.redline
          ? `品质管理中心在 ${p.day} 发现${redlineWords(p.item)}：「${esc(p.note ?? '')}」。按规定需立即处理。`
          : `品质管理中心在 ${p.day} 记录：**${esc(p.item)}**${p.count > 1 ? ` ${p.count} 次` : ''}，扣 **${p.points}** 分（服务中心经理负连带责任）。${p.note ? `\n说明：${esc(p.note)}` : ''}`,
      ),
    ],
  });
}

/** The buzz to the leader and admins: the description quoted, and 解除 for when it has been dealt with. */
export function redlineEscalationCard(p: {
  center: string;
  manager: string;
  item: string;
  day: string;
  note: string;
  resolve: ActionValue;
}): Card {
  return card({
    title: '紧急：底线问题',
    color: 'red',
    summary: `底线问题：${p.center}`,
    elements: [
      markdown(
        `**${esc(p.center)}**（经理 ${esc(p.manager)}）在 ${p.day} 被发现${redlineWords(p.item)}：「${esc(p.note)}」\n按规定，服务中心经理应立即免职，请立即处理。`,
      ),
      button({ name: 'resolve_redline', text: '处理后解除', value: p.resolve }),
      note('处理完毕后点「处理后解除」并写明处理情况；解除前，这条底线问题会一直列在考核公示中。'),
    ],
  });
}
