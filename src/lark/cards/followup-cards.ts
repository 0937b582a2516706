// Cards of event-started clocks: a clock run out, an escalation, an emergency alert.
import { button, card, escapeMarkdown as esc, markdown, note, type ActionValue, type Card, type CardElement } from './kit.ts';

export function followUpOverdueCard(p: {
  title: string;
  subject: string;
  due: string;
  closeValue?: ActionValue;
  closeText?: string;
}): Card {
  const elements: CardElement[] = [markdown(`**${p.title}**：${esc(p.subject)}\n已于 ${p.due} 到期，尚未完成。`)];
  if (p.closeValue) elements.push(button({ name: 'close_followup', text: p.closeText ?? '已完成', type: 'primary', value: p.closeValue }));
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

export function emergencyAlertCard(p: { center: string; manager: string; what: string; where: string; at: string }): Card {
  return card({
    title: '紧急：突发事件',
    color: 'red',
    summary: `${p.center} 突发事件`,
    elements: [
      markdown(`**${esc(p.center)}**（经理 ${esc(p.manager)}）报告突发事件：\n**${esc(p.what)}**\n地点：${esc(p.where)}\n时间：${p.at}`),
      note('经理需在 24 小时内提交《突发事件处理记录表》。'),
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

export const FOLLOWUP_TEXT = {
  /** the line of an open clock in 待办, and its button */
  todoLine: (p: { title: string; subject: string; due: string; overdue: boolean }) =>
    `${p.title}：${p.subject} · 期限 ${p.due}${p.overdue ? ' · 已逾期' : ''}`,
  closeButton: (ruleId: string) => (ruleId === 'hr.staff_opinion' ? '已答复' : '已整改'),
  closed: '已确认',
  notYours: '只能处理本人或分管人员的事项',
  already: '该事项已处理',
};
