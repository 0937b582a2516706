// Complaint cards: the complaint with its history and its next step, alerts, reminders, escalations, closure reports, KPI warnings.
import { button, card, escapeMarkdown as esc, markdown, note, pageButtons, type ActionValue, type Card, type CardElement } from './kit.ts';

const STATUS: Record<string, string> = {
  received: '已受理，待制定方案',
  planned: '整改中',
  fixed: '已整改，待回访',
  closed: '已结案',
  reopened: '业主不满意，重新处理',
};

export interface ComplaintView {
  id: number;
  center: string;
  owner: string;
  household: string;
  what: string;
  category: string;
  channel: string;
  major: boolean;
  inRemit: boolean;
  status: string;
  plan: string | null;
  milestone: string | null;
  history: string[];
}

export function complaintCard(c: ComplaintView, next: CardElement[]): Card {
  const head = `**${esc(c.owner)}**（${esc(c.household)}）· ${esc(c.category)} · ${esc(c.channel)}${c.major ? " · <font color='red'>重大</font>" : ''}${c.inRemit ? '' : ' · 非物业职责'}`;
  const elements: CardElement[] = [markdown(`${head}\n${esc(c.what)}`)];
  if (c.plan) elements.push(markdown(`**方案**：${esc(c.plan)}\n**节点**：${esc(c.milestone ?? '')}`));
  elements.push(note(c.history.map(esc).join('\n')));
  elements.push(...next);
  // a card stops working after 14 days; the number fetches a fresh one at any time
  if (c.status !== 'closed') elements.push(note(COMPLAINT_TEXT.fresh(c.id)));
  return card({
    title: `投诉 #${c.id} · ${STATUS[c.status] ?? c.status}`,
    subtitle: c.center,
    color: c.status === 'closed' ? 'green' : c.major ? 'red' : 'orange',
    summary: `投诉 #${c.id} ${STATUS[c.status] ?? c.status}`,
    elements,
  });
}

export function fixedButton(value: ActionValue): CardElement {
  return button({ name: 'complaint_fixed', text: '已整改，去回访', type: 'primary', value });
}

export function complaintAlertCard(c: ComplaintView, kind: 'major' | 'closed'): Card {
  return card({
    title: kind === 'major' ? `重大投诉：${c.center}` : `投诉结案：${c.center}`,
    color: kind === 'major' ? 'red' : 'green',
    summary: kind === 'major' ? '重大投诉' : '投诉结案',
    elements: [
      markdown(
        `投诉 #${c.id}：**${esc(c.owner)}**（${esc(c.household)}）· ${esc(c.category)}\n${esc(c.what)}${c.plan ? `\n方案：${esc(c.plan)}` : ''}`,
      ),
      note(esc(c.history.join('　'))),
    ],
  });
}

/** What a complaint's clock waits for: the plan, the answer (outside the remit), the fix by the milestone, the call-back. */
export type ClockIssue = 'plan' | 'answer' | 'milestone' | 'callback';

const REMIND_TITLE: Record<ClockIssue, string> = { plan: '未制定方案', answer: '未答复业主', milestone: '已过节点', callback: '待回访' };

function reminderLine(issue: ClockIssue, since: string, hours: number): string {
  switch (issue) {
    case 'plan':
      return `受理超过 ${hours} 小时（${since}）仍未制定方案和节点。`;
    case 'answer':
      return `受理超过 ${hours} 小时（${since}）仍未答复业主或转交。`;
    case 'milestone':
      return `整改节点 ${since} 已过，尚未整改完成。`;
    case 'callback':
      return `已整改（${since}）超过 ${hours} 小时仍未回访业主。`;
  }
}

export function complaintReminderCard(p: {
  id: number;
  what: string;
  issue: ClockIssue;
  since: string;
  hours: number;
  escalateHours: number;
}): Card {
  return card({
    title: `投诉 #${p.id} ${REMIND_TITLE[p.issue]}`,
    color: 'orange',
    summary: `投诉 #${p.id} 需处理`,
    elements: [
      markdown(`${esc(p.what)}\n${reminderLine(p.issue, p.since, p.hours)}`),
      button({ name: 'send_complaint', text: '处理', type: 'primary', value: { a: 'complaint.send', id: p.id } }),
      note(`再过 ${p.escalateHours} 小时将上报分管领导。`),
    ],
  });
}

function escalationLine(issue: ClockIssue, since: string, hours: number, overdueHours: number): string {
  switch (issue) {
    case 'plan':
      return `受理后（${since}）${hours} 小时仍无整改方案。`;
    case 'answer':
      return `受理后（${since}）${hours} 小时仍未答复业主。`;
    case 'milestone':
      return `整改节点 ${since} 已过 ${overdueHours} 小时仍未完成。`;
    case 'callback':
      return `已整改（${since}）${hours} 小时仍未回访业主。`;
  }
}

export function complaintEscalationCard(p: {
  id: number;
  center: string;
  manager: string;
  what: string;
  issue: ClockIssue;
  since: string;
  /** hours since the step was due to begin (for a milestone, unused) */
  hours: number;
  overdueHours: number;
}): Card {
  return card({
    title: `督办：投诉 #${p.id}`,
    color: 'red',
    summary: `${p.center} 投诉 #${p.id} 逾期`,
    elements: [
      markdown(
        `**${esc(p.center)}**（经理 ${esc(p.manager)}）：${esc(p.what)}\n${escalationLine(p.issue, p.since, p.hours, p.overdueHours)}请督促处理。`,
      ),
    ],
  });
}

export function kpiWarningCard(p: { center: string; month: string; closureRate: string; satisfaction: string; below: string[] }): Card {
  return card({
    title: `投诉指标预警：${p.center}`,
    color: 'orange',
    summary: '投诉指标预警',
    elements: [
      markdown(
        `${p.month}截至今天：投诉处结率 **${p.closureRate}**（要求 ≥70%），处结满意度 **${p.satisfaction}**（要求 ≥80%）。\n低于要求：${p.below.join('、')}。月底计入考核，请抓紧处理。`,
      ),
    ],
  });
}

/** Complaints on a page of the 投诉 list (each a line and a button). */
export const COMPLAINT_PAGE = 10;

export function complaintListCard(p: {
  items: { text: string; value: ActionValue }[];
  total: number;
  page: number;
  pages: number;
  registerValue: ActionValue;
  moreValue?: ActionValue;
  backValue?: ActionValue;
}): Card {
  const elements: CardElement[] = p.items.flatMap((it, i) => [
    markdown(esc(it.text)),
    button({ name: `open_complaint_${i}`, text: '处理', value: it.value }),
  ]);
  elements.push(
    ...pageButtons({
      name: 'complaint',
      remaining: p.total - (p.page - 1) * COMPLAINT_PAGE - p.items.length,
      unit: '件',
      moreValue: p.moreValue,
      backValue: p.backValue,
    }),
  );
  elements.push(button({ name: 'new_complaint', text: '登记新投诉', type: 'primary', value: p.registerValue }));
  return card({
    title: '投诉',
    subtitle: p.total ? `未结案 ${p.total} 件${p.pages > 1 ? ` · 第 ${p.page}/${p.pages} 页` : ''}` : undefined,
    color: 'orange',
    summary: `未结案投诉 ${p.total} 件`,
    elements: p.items.length ? elements : [markdown('暂无未结案的投诉。'), ...elements],
  });
}

const STEP_WORDS: Record<string, string> = {
  received: '受理',
  plan: '方案',
  fixed: '整改',
  callback: '回访',
  answered: '答复结案',
  closed: '结案',
  reopened: '重开',
};

/** A step of a complaint's history: "回访 周杰 12月1日 10:00（不满意：仍有渗水）". */
export function stepLine(s: { step: string; by: string; at: string; satisfied?: boolean; note?: string; way?: string }): string {
  const said = [
    ...(s.satisfied === undefined ? [] : [s.satisfied ? '满意' : '不满意']),
    ...(s.way ? [s.way] : []),
    ...(s.note ? [s.note] : []),
  ].join('：');
  return `${STEP_WORDS[s.step] ?? s.step} ${s.by} ${s.at}${said ? `（${said}）` : ''}`;
}

/** Customer service follows a complaint: one line per step, and the complaint's card a click away. */
export function complaintStepCard(c: ComplaintView, line: string): Card {
  return card({
    title: `投诉 #${c.id} · ${STATUS[c.status] ?? c.status}`,
    subtitle: c.center,
    color: c.status === 'closed' ? 'green' : 'grey',
    summary: `投诉 #${c.id} ${STATUS[c.status] ?? c.status}`,
    elements: [
      markdown(`**${esc(c.owner)}**（${esc(c.household)}）：${esc(c.what.slice(0, 60))}\n${esc(line)}`),
      button({ name: 'send_complaint', text: '查看', value: { a: 'complaint.send', id: c.id } }),
    ],
  });
}

export const COMPLAINT_TEXT = {
  notYours: '只能处理本服务中心、分管或职责范围内的投诉',
  stale: '投诉状态已变化，请查看最新卡片',
  registered: '已登记',
  planned: '方案已提交',
  fixed: '已记录整改，请回访业主',
  closed: '已结案',
  reopened: '业主不满意，已重新打开',
  sent: '已发送最新卡片',
  handle: '处理',
  unknown: (id: number) => `没有找到投诉 #${id}。`,
  fresh: (id: number) => `卡片 14 天后失效；发送「投诉 ${id}」可随时获取最新卡片。`,
  /** the line of an open complaint in 待办 */
  /** `inRemit: false`: outside the property's remit, where the next step is answering the owner or passing it on */
  todoLine: (p: { id: number; owner: string; what: string; status: string; milestone: string | null; inRemit?: boolean }) =>
    `投诉 #${p.id} ${p.owner}：${p.what} · ${p.inRemit === false && p.status !== 'closed' ? '非物业职责，待答复或转交' : (TODO_STATE[p.status] ?? STATUS[p.status] ?? p.status)}${p.status === 'planned' && p.milestone ? `（节点 ${p.milestone}）` : ''}`,
};

const TODO_STATE: Record<string, string> = { received: '待制定方案', reopened: '重新处理，待制定方案', planned: '整改中', fixed: '待回访' };
