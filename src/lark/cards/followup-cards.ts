// Cards of event-started clocks: a clock run out, an escalation, an emergency alert.
import { button, card, escapeMarkdown as esc, markdown, note, type ActionValue, type Card, type CardElement } from './kit.ts';

export function followUpOverdueCard(p: {
  title: string;
  subject: string;
  due: string;
  closeValue?: ActionValue;
  closeText?: string;
  /** the record that stops it, opened in place of this card */
  recordValue?: ActionValue;
  /** the fine booked as it ran out */
  yuan?: number | null;
}): Card {
  const elements: CardElement[] = [
    markdown(
      `**${p.title}**：${esc(p.subject)}\n已于 ${p.due} 到期，尚未完成。${p.yuan ? `\n按规定罚款 ${p.yuan} 元（补交后不再重复罚款）。` : ''}`,
    ),
  ];
  if (p.closeValue) elements.push(button({ name: 'close_followup', text: p.closeText ?? '已完成', type: 'primary', value: p.closeValue }));
  else if (p.recordValue) elements.push(button({ name: 'fill_record', text: '填写', type: 'primary', value: p.recordValue }));
  return card({ title: `已逾期：${p.title}`, color: 'red', summary: `${p.title} 已逾期`, elements });
}

export function escalationCard(p: { title: string; subject: string; who: string; center: string; due: string }): Card {
  return card({
    title: `督办：${p.title}`,
    color: 'red',
    summary: `${p.center} ${p.title} 逾期未办`,
    elements: [
      markdown(
        `**${esc(p.center)}**（${esc(p.who)}）的「${p.title}」：${esc(p.subject)}\n已于 ${p.due} 到期，提醒后仍未完成，请督促处理。`,
      ),
    ],
  });
}

export function emergencyAlertCard(p: { center: string; manager: string; what: string; where: string; at: string; hours: number }): Card {
  return card({
    title: '紧急：突发事件',
    color: 'red',
    summary: `${p.center} 突发事件`,
    elements: [
      markdown(`**${esc(p.center)}**（经理 ${esc(p.manager)}）报告突发事件：\n**${esc(p.what)}**\n地点：${esc(p.where)}\n时间：${p.at}`),
      note(`经理需在 ${p.hours} 小时内提交《突发事件处理记录表》。`),
    ],
  });
}

export function emergencyReportedCard(p: { due: string; recordValue: ActionValue }): Card {
  return card({
    title: '突发事件 · 已上报',
    color: 'orange',
    summary: '突发事件已上报',
    elements: [
      markdown(`已通知分管领导和品质管理中心。**请务必电话报告**。\n处理完毕后，请在 **${p.due}** 前填写《突发事件处理记录表》。`),
      button({ name: 'fill_record', text: '填写处理记录', type: 'primary', value: p.recordValue }),
    ],
  });
}

export function emergencyStartCard(): Card {
  return card({
    title: '报告突发事件',
    color: 'red',
    summary: '报告突发事件',
    elements: [markdown('**请立即电话报告分管领导和品质管理中心。**\n同时在下面简要说明，提交后系统会立即通知他们。')],
  });
}

/** To the center's manager: a task handed over to them, the filing form below, prefilled. */
export function handedTaskCard(p: { by: string; task: string; due: string; form: CardElement }): Card {
  return card({
    title: '交办任务 · 请备案',
    color: 'orange',
    summary: `${p.by} 交办了临时任务`,
    elements: [markdown(`**${esc(p.by)}** 交办：${esc(p.task)}\n请在 **${p.due}** 前提交《临时任务备案》，逾期按规定罚款。`), p.form],
  });
}

/** To whoever handed it over: registered, the manager told. */
export function handedRegisteredCard(p: { center: string; manager: string; task: string; due: string }): Card {
  return card({
    title: '交办任务 · 已登记',
    color: 'green',
    summary: '交办任务已登记',
    elements: [markdown(`已通知 **${esc(p.center)}** 经理 ${esc(p.manager)}：${esc(p.task)}\n备案期限 ${p.due}。`)],
  });
}

export const HAND_TEXT = {
  notAllowed: '只有总经理、行政管理部和分管领导可以登记交办任务',
  off: '临时任务备案规则未启用',
  noCenters: '没有可以交办的服务中心',
  noManager: '该服务中心目前没有经理',
  /** the hand-over time more than the clock's hours ago (its filing would be late already) */
  tooOld: (label: string, hours: number) => `${label}：只能登记 ${hours} 小时内交办的任务`,
  future: (label: string) => `${label}：不能晚于现在`,
  registered: '已登记',
};

export const FOLLOWUP_TEXT = {
  /** the line of an open clock in 待办, and its button */
  todoLine: (p: { title: string; subject: string; due: string; overdue: boolean }) =>
    `${p.title}：${p.subject} · 期限 ${p.due}${p.overdue ? ' · 已逾期' : ''}`,
  /** the ledger's reason for a clock's fine: met late, or run out unmet */
  fineReason: (p: { day: string; title: string; subject: string; hours: number | null; met: boolean }) =>
    `${p.day} ${p.title}「${p.subject}」${p.hours === null ? '过期' : `超过${p.hours}小时`}${p.met ? '才完成' : '未完成'}`,
  /** receipt lines: a clock met late; a clock started, stopped by a click or by a record */
  metLate: (p: { hours: number | null; yuan: number | null }) =>
    p.yuan ? `${p.hours === null ? '已过期限' : `已超过 ${p.hours} 小时`}，按规定罚款 ${p.yuan} 元` : '已超过规定时间，已记录为逾期',
  byClick: (p: { due: string; button: string; morning: boolean }) => {
    const verb = p.button.replace(/^已/, '');
    return `请在 ${p.due} 前${verb}，${verb}后点「${p.button}」${p.morning ? '；到期前每天早上提醒' : ''}`;
  },
  byForm: (p: { due: string; form: string; now: boolean }) =>
    p.now ? `请立即提交「${p.form}」（已超过规定时间）` : `请在 ${p.due} 前提交「${p.form}」`,
  closed: '已确认',
  /** the rule is switched off in this company's rulebook */
  off: '该事项未启用',
  notYours: '只能处理本人或分管人员的事项',
  already: '该事项已处理',
};
