// Cards around records: the receipt that replaces a filed form, the forwarded copy, and the lists (待办, 团队, 今日逾期).
import type { PeriodUnit } from '../../lib/periods.ts';
import {
  button,
  card,
  escapeMarkdown as esc,
  fittedList,
  markdown,
  note,
  pageButtons,
  type ActionValue,
  type Card,
  type CardElement,
} from './kit.ts';

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

/** A record read back: labels are the form's, values are what people typed (escaped). */
const table = (lines: [string, string][]) => lines.map(([k, v]) => `**${esc(k)}**：${esc(v)}`).join('\n');

export function durationText(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d}天` : '', h ? `${h}小时` : '', m && !d ? `${m}分` : ''].filter(Boolean).join('') || '1分';
}

export function receiptCard(r: ReceiptInfo): Card {
  const elements: CardElement[] = [
    markdown(
      `${r.late ? "<font color='red'>" : ''}${r.timing}${r.late ? '</font>' : ''} · ${r.filedAt}${r.version > 1 ? `（第${r.version}版）` : ''}`,
    ),
    markdown(table(r.lines)),
  ];
  if (r.progress.length) elements.push(markdown(r.progress.map((p) => `📊 ${p}`).join('\n')));
  if (r.warnings.length) elements.push(markdown(r.warnings.map((w) => `<font color='orange'>${esc(w)}</font>`).join('\n')));
  if (r.photos) elements.push(note('如有现场照片，请在 10 分钟内直接发到本对话，会附在这条记录上。'));
  const buttons: CardElement[] = [];
  if (r.editValue) buttons.push(button({ name: 'edit_record', text: '修改', value: r.editValue }));
  if (r.againValue) buttons.push(button({ name: 'again_record', text: '再记一条', value: r.againValue }));
  if (r.closeButton)
    buttons.push(
      button({
        name: r.closeButton.text === '已答复' ? 'answer_opinion' : 'fix_issue',
        text: r.closeButton.text,
        value: r.closeButton.value,
      }),
    );
  elements.push(...buttons);
  if (r.editValue) elements.push(note(RECORD_TEXT.editLater(r.title)));
  return card({ title: `已提交：${r.title}`, color: r.late ? 'orange' : 'green', summary: `已提交 ${r.title}`, elements });
}

export function forwardCard(p: {
  title: string;
  who: string;
  center: string;
  timing: string;
  late: boolean;
  filedAt: string;
  lines: [string, string][];
  edited: boolean;
  filedBy?: string;
}): Card {
  return card({
    title: `${p.title} · ${p.who}${p.edited ? '（修改）' : ''}`,
    subtitle: p.center,
    color: p.late ? 'orange' : 'blue',
    summary: `${p.who} 提交了 ${p.title}`,
    elements: [markdown(table(p.lines)), note(`${p.timing} · ${p.filedAt}${p.filedBy ? ` · 由 ${esc(p.filedBy)} 代为提交` : ''}`)],
  });
}

export interface TodoItem {
  /** the line: "日报 · 今天 16:30 · 已逾期", "投诉 #12 陈女士：… · 待回访" */
  text: string;
  /** the button's words ("填报 日报", "处理", "已整改") and what it calls back */
  button: string;
  value: ActionValue;
}

/** The first 待办 card shows a screenful (five items with their buttons, a long line wrapping, fit a 390×844 phone's chat); the rest is one 「查看本周」 away. */
export const TODO_SCREEN = 5;
/** Items on each page of the week's card (each is a line and a button: 3 elements with its plain_text). */
export const TODO_PAGE = 10;

const todoLines = (items: TodoItem[], prefix: string): CardElement[] =>
  items.flatMap((it, i) => [markdown(esc(it.text)), button({ name: `${prefix}_${i}`, text: it.button, value: it.value })]);

/** 待办: today's items first (at most a screenful), everything else behind one button. */
export function todoCard(p: { name: string; today: TodoItem[]; later: number; weekValue: ActionValue }): Card {
  const shown = p.today.slice(0, TODO_SCREEN);
  const hidden = p.today.length - shown.length + p.later;
  const elements: CardElement[] = [];
  if (shown.length) elements.push(markdown(`**今天**（${p.today.length} 项）`), ...todoLines(shown, 'today'));
  else if (hidden) elements.push(markdown('今天没有到期的事项。'));
  else elements.push(markdown('暂无待办，做得好！'));
  if (hidden)
    elements.push(
      note(`还有 ${hidden} 项（今天其余的和本周的）。`),
      button({ name: 'todo_week', text: `查看本周（${p.today.length + p.later} 项）`, type: 'primary', value: p.weekValue }),
    );
  return card({ title: `${p.name} 的待办`, color: 'blue', summary: `待办 ${p.today.length + p.later} 项`, elements });
}

/** 查看本周: every open item of the week, a page at a time, with 「更多」 (and 「上一页」). */
export function todoWeekCard(p: {
  name: string;
  items: TodoItem[];
  page: number;
  pages: number;
  total: number;
  moreValue?: ActionValue;
  backValue?: ActionValue;
}): Card {
  const elements: CardElement[] = p.items.length ? todoLines(p.items, 'week') : [markdown('本周暂无待办，做得好！')];
  elements.push(
    ...pageButtons({
      name: 'todo',
      remaining: p.total - (p.page - 1) * TODO_PAGE - p.items.length,
      unit: '项',
      moreValue: p.moreValue,
      backValue: p.backValue,
      moreType: 'primary',
    }),
  );
  return card({
    title: `${p.name} 的本周待办`,
    subtitle: `第 ${p.page}/${p.pages} 页 · 共 ${p.total} 项`,
    color: 'blue',
    summary: `本周待办 ${p.total} 项`,
    elements,
  });
}

export function pickCard(p: {
  title: string;
  options: { text: string; value: { a: string } & Record<string, string | number | boolean> }[];
}): Card {
  return card({
    title: p.title,
    color: 'blue',
    elements: p.options.length
      ? p.options.map((o, i) => button({ name: `pick_${i}`, text: o.text, value: o.value }))
      : [markdown('现在没有需要提交的项目。')],
  });
}

/** A list card's text stays under this many bytes, so it fits Lark's 30 KB with room for the rest of the card. */
const LIST_BYTES = 20_000;

export interface TeamRow {
  name: string;
  center: string;
  /** today's deadlines and their status ('' for none); null when the period is not the current one */
  today: string | null;
  deadlines: string;
  yuan: number;
  points: number;
  /** the 明细 button's value (the first managers only) */
  detail: ActionValue | null;
}

const amount = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** A leader's roll-up for the period: a month (and longer) adds it up, a week or a day does not. */
function teamRollupText(r: { managersPoints: number; rollupPoints: number }, unit: PeriodUnit): string {
  return unit === 'week' || unit === 'day'
    ? `所分管经理本期扣分合计 ${amount(r.managersPoints)} 分；分管连带扣分按月考核，不计入本期。`
    : `所分管经理扣分合计 ${amount(r.managersPoints)} 分，您的分管连带扣分 ${amount(r.rollupPoints)} 分（按月计算）。`;
}

export function teamCard(p: {
  leader: string;
  /** 本周, 2026年11月 … */
  periodText: string;
  unit: PeriodUnit;
  rows: TeamRow[];
  rollup: { managersPoints: number; rollupPoints: number } | null;
  /** managers without a 明细 button */
  more: number;
}): Card {
  if (!p.rows.length)
    return card({
      title: '团队情况',
      subtitle: `${p.leader} · ${p.periodText}`,
      color: 'indigo',
      summary: '团队情况',
      elements: [markdown('您名下暂无分管的服务中心。')],
    });
  // one markdown for all: one element per manager would pass 200 elements at about 190 centers
  const lines = p.rows.map(
    (r) =>
      `**${esc(r.name)}**（${esc(r.center)}）${r.today === null ? '' : `\n今天：${esc(r.today || '今天无截止事项')}`}\n${p.periodText}：${esc(r.deadlines)}\n罚款 ${amount(r.yuan)} 元 · 扣分 ${amount(r.points)} 分`,
  );
  const details = p.rows.flatMap((r, i) =>
    r.detail
      ? [
          {
            tag: 'column',
            width: 'auto',
            elements: [button({ name: `detail_${i}`, text: `明细：${r.name}`.slice(0, 40), value: r.detail })],
          },
        ]
      : [],
  );
  return card({
    title: '团队情况',
    subtitle: `${p.leader} · ${p.periodText}`,
    color: 'indigo',
    summary: '团队情况',
    elements: [
      ...(p.rollup ? [markdown(teamRollupText(p.rollup, p.unit))] : []),
      ...fittedList('', lines, '位经理', { maxBytes: LIST_BYTES, separator: '\n\n' }),
      ...(details.length ? [{ tag: 'column_set', flex_mode: 'flow', columns: details }] : []),
      ...(p.more ? [note(`其余 ${p.more} 位经理的明细：发送「积分 姓名」查看。`)] : []),
    ],
  });
}

export function lateTodayCard(p: { day: string; rows: { name: string; center: string; items: string[] }[] }): Card {
  return card({
    title: '今日逾期',
    subtitle: p.day,
    color: 'orange',
    summary: `今日逾期 ${p.rows.length} 人`,
    elements: p.rows.length ? lateList(p.rows) : [markdown('今天暂无逾期。')],
  });
}

function lateList(rows: { name: string; center: string; items: string[] }[]): CardElement[] {
  return fittedList(
    '',
    rows.map((r) => `- **${esc(r.name)}**（${esc(r.center)}）：${esc(r.items.join('、'))}`),
    '人',
    { maxBytes: LIST_BYTES },
  );
}

export const RECORD_TEXT = {
  /** a deadline or milestone entered out of its rule's bounds */
  dayOutOfBounds: (label: string, latest: string | null) => (latest ? `${label}：不能晚于 ${latest}` : `${label}：不能早于今天`),
  notYours: '只能提交本人、分管人员的记录（或由行政管理部代为提交）',
  noDuty: (title: string) => `现在没有待提交的「${title}」。`,
  noPost: '您不是服务中心的经理或主管，没有需要填报的表单。',
  duplicate: '已收到，无需重复提交',
  /** a second form of a report already filed: its receipt answers, nothing is stored twice */
  filedBefore: (title: string) => `${title}已提交过，本次未重复保存`,
  pastDeadline: '已过截止时间，不能再修改；如需更正请联系行政管理部',
  superseded: '这一版已被修改过，请在最新的回执上修改',
  formSent: '表单已发送',
  fill: (title: string) => `填报 ${title}`,
  dutyLine: (p: { title: string; due: string; overdue: boolean }) => `${p.title} · ${p.due}${p.overdue ? ' · 已逾期' : ''}`,
  editLater: (title: string) => `卡片 14 天后失效；截止前如需修改，发送「${title}」获取最新回执。`,
  photoAttached: (title: string, n: number) => `已附到「${title}」记录（共 ${n} 张）。`,
  /** after a day patrol: the half of the day (上午, 下午) with no patrol yet */
  halfOwed: (halves: string[]) => `今日还差${halves.join('、')}日查：上午、下午各巡查一次，今日日查才计完成`,
  photoNoRecord: '如需附照片，请先提交巡查、夜查等记录，再在 10 分钟内发送照片。',
};
