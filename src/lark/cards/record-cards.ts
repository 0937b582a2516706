// Cards around records: the receipt that replaces a filed form, the forwarded copy, and the lists (待办, 团队, 今日逾期).
import { button, card, markdown, note, type Card, type CardElement } from './kit.ts';

export interface ReceiptInfo {
  title: string;
  /** "按时提交（截止 16:30）" / "迟交 1小时5分" / "已记录" */
  timing: string;
  late: boolean;
  filedAt: string;
  lines: [string, string][];
  /** "夜查 本月 1/2" */
  progress: string[];
  /** "今日岗位覆盖：南门岗 尚缺 1 次" */
  warnings: string[];
  photos: boolean;
  /** receipts of a deadline before its deadline can be changed */
  editValue?: { a: string } & Record<string, string | number | boolean>;
  againValue?: { a: string } & Record<string, string | number | boolean>;
  /** a clock the record started that closes by a click (已答复, 已整改) */
  closeButton?: { text: string; value: { a: string } & Record<string, string | number | boolean> };
  version: number;
}

const table = (lines: [string, string][]) => lines.map(([k, v]) => `**${k}**：${v}`).join('\n');

export function durationText(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d}天` : '', h ? `${h}小时` : '', m && !d ? `${m}分` : ''].filter(Boolean).join('') || '1分';
}

export function receiptCard(r: ReceiptInfo): Card {
  const elements: CardElement[] = [markdown(`${r.late ? "<font color='red'>" : ''}${r.timing}${r.late ? '</font>' : ''} · ${r.filedAt}${r.version > 1 ? `（第${r.version}版）` : ''}`), markdown(table(r.lines))];
  if (r.progress.length) elements.push(markdown(r.progress.map((p) => `📊 ${p}`).join('\n')));
  if (r.warnings.length) elements.push(markdown(r.warnings.map((w) => `<font color='orange'>${w}</font>`).join('\n')));
  if (r.photos) elements.push(note('如有现场照片，请在 10 分钟内直接发到本对话，会附在这条记录上。'));
  const buttons: CardElement[] = [];
  if (r.editValue) buttons.push(button({ name: 'edit_record', text: '修改', value: r.editValue }));
  if (r.againValue) buttons.push(button({ name: 'again_record', text: '再记一条', value: r.againValue }));
  if (r.closeButton) buttons.push(button({ name: r.closeButton.text === '已答复' ? 'answer_opinion' : 'fix_issue', text: r.closeButton.text, value: r.closeButton.value }));
  elements.push(...buttons);
  return card({ title: `已提交：${r.title}`, color: r.late ? 'orange' : 'green', summary: `已提交 ${r.title}`, elements });
}

export function forwardCard(p: { title: string; who: string; center: string; timing: string; late: boolean; filedAt: string; lines: [string, string][]; edited: boolean; filedBy?: string }): Card {
  return card({
    title: `${p.title} · ${p.who}${p.edited ? '（修改）' : ''}`,
    subtitle: p.center,
    color: p.late ? 'orange' : 'blue',
    summary: `${p.who} 提交了 ${p.title}`,
    elements: [markdown(table(p.lines)), note(`${p.timing} · ${p.filedAt}${p.filedBy ? ` · 由 ${p.filedBy} 代为提交` : ''}`)],
  });
}

export interface TodoItem {
  title: string;
  due: string;
  state: string;
  /** the button that opens its form */
  value: { a: string } & Record<string, string | number | boolean>;
}

export function todoCard(p: { name: string; today: TodoItem[]; week: TodoItem[] }): Card {
  const elements: CardElement[] = [];
  const section = (head: string, items: TodoItem[], prefix: string) => {
    if (!items.length) return;
    elements.push(markdown(`**${head}**`));
    items.forEach((it, i) => {
      elements.push(markdown(`${it.title} · ${it.due}${it.state ? ` · ${it.state}` : ''}`));
      elements.push(button({ name: `${prefix}_${i}`, text: `填报 ${it.title}`, value: it.value }));
    });
  };
  section('今天', p.today, 'today');
  section('本周', p.week, 'week');
  if (!elements.length) elements.push(markdown('暂无待办，做得好！'));
  return card({ title: `${p.name} 的待办`, color: 'blue', summary: '待办', elements: elements.slice(0, 150) });
}

export function pickCard(p: { title: string; options: { text: string; value: { a: string } & Record<string, string | number | boolean> }[] }): Card {
  return card({
    title: p.title,
    color: 'blue',
    elements: p.options.length ? p.options.map((o, i) => button({ name: `pick_${i}`, text: o.text, value: o.value })) : [markdown('现在没有需要提交的项目。')],
  });
}

export function teamCard(p: { leader: string; rows: { name: string; center: string; today: string; week: string }[] }): Card {
  return card({
    title: '团队情况',
    subtitle: p.leader,
    color: 'indigo',
    summary: '团队情况',
    elements: p.rows.length
      ? p.rows.map((r) => markdown(`**${r.name}**（${r.center}）\n今天：${r.today}\n本周：${r.week}`))
      : [markdown('您名下暂无分管的服务中心。')],
  });
}

export function lateTodayCard(p: { day: string; rows: { name: string; center: string; items: string[] }[] }): Card {
  return card({
    title: '今日逾期',
    subtitle: p.day,
    color: 'orange',
    summary: `今日逾期 ${p.rows.length} 人`,
    elements: p.rows.length ? [markdown(p.rows.map((r) => `- **${r.name}**（${r.center}）：${r.items.join('、')}`).join('\n'))] : [markdown('今天暂无逾期。')],
  });
}

export const RECORD_TEXT = {
  notYours: '只能提交本人、分管人员的记录（或由行政管理部代为提交）',
  noDuty: (title: string) => `现在没有待提交的「${title}」。`,
  noPost: '您不是服务中心的经理或主管，没有需要填报的表单。',
  duplicate: '已收到，无需重复提交',
  pastDeadline: '已过截止时间，不能再修改；如需更正请联系行政管理部',
  superseded: '这一版已被修改过，请在最新的回执上修改',
  formSent: '表单已发送',
  photoAttached: (title: string, n: number) => `已附到「${title}」记录（共 ${n} 张）。`,
  photoNoRecord: '如需附照片，请先提交巡查、夜查等记录，再在 10 分钟内发送照片。',
};
