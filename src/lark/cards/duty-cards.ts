// Cards about duties: the reminder and last call, the overdue notice, the late digest, the morning card, pace nudges, catch-up.
import { button, card, escapeMarkdown as esc, fitLines, markdown, note, type ActionValue, type Card, type CardElement } from './kit.ts';

export interface DutyLine {
  title: string;
  due: string;
  /** quotas: "1/2" */
  progress?: string;
  period?: string;
}

const line = (d: DutyLine) => `- **${d.title}**${d.period ? `（${d.period}）` : ''}${d.progress ? ` 进度 ${d.progress}` : ''}，截止 ${d.due}`;

export function reminderCard(p: { title: string; due: string; period?: string; lastCall: boolean; body?: CardElement[] }): Card {
  return card({
    title: p.lastCall ? `最后提醒：${p.title}` : `待提交：${p.title}`,
    subtitle: `截止 ${p.due}`,
    color: p.lastCall ? 'orange' : 'blue',
    summary: `${p.title} 截止 ${p.due}`,
    elements: [
      markdown(p.lastCall ? `**${p.title}**${p.period ? `（${p.period}）` : ''}将于 **${p.due}** 截止，请尽快提交。` : `请在 **${p.due}** 前提交 **${p.title}**${p.period ? `（${p.period}）` : ''}。`),
      ...(p.body ?? []),
      note('逾期将如实记录。'),
    ],
  });
}

/** A reminder card whose record was filed elsewhere (待办, chat, a leader): its form is gone, the result shown. */
export function reminderDoneCard(p: { title: string; timing: string; late: boolean; filedAt: string }): Card {
  return card({
    title: `已提交：${p.title}`,
    color: p.late ? 'orange' : 'green',
    summary: `已提交 ${p.title}`,
    elements: [markdown(`${p.timing} · ${p.filedAt}`), note('已在其他卡片中提交，本提醒无需再处理。')],
  });
}

export function overdueCard(p: { title: string; due: string; period?: string; penalty?: string }): Card {
  return card({
    title: `已逾期：${p.title}`,
    color: 'red',
    summary: `${p.title} 已逾期`,
    elements: [
      markdown(`**${p.title}**${p.period ? `（${p.period}）` : ''}已于 ${p.due} 截止，尚未提交。请尽快补交，补交会标记为迟交。${p.penalty ? `\n按规定：${p.penalty}。` : ''}`),
    ],
  });
}

export function lateDigestCard(p: { title: string; due: string; late: { name: string; center: string }[] }): Card {
  return card({
    title: `逾期汇总：${p.title}`,
    subtitle: `截止 ${p.due}`,
    color: 'orange',
    summary: `${p.title} 逾期 ${p.late.length} 人`,
    elements: lateLines(p.due, p.late),
  });
}

/** Who is late, as many as fit in a card (a rule for 1,000 managers), and how many more. */
function lateLines(due: string, late: { name: string; center: string }[]): CardElement[] {
  const { shown, more } = fitLines(late.map((l) => `- ${esc(l.name)}（${esc(l.center)}）`), 20_000);
  return [markdown(`截至 ${due}，以下 **${late.length}** 人未提交：\n${shown.join('\n')}`), ...(more ? [note(`另有 ${more} 人未列出（卡片篇幅有限）。`)] : [])];
}

/** Patrol problems in the morning card, each with its button (3 elements): at most this many, the rest on later mornings. */
const MORNING_ISSUES = 20;
/** Lines of each list in the morning card. */
const MORNING_LINES = 30;

const lines = (items: DutyLine[]) => `${items.slice(0, MORNING_LINES).map(line).join('\n')}${items.length > MORNING_LINES ? `\n…… 共 ${items.length} 项，发送「待办」查看` : ''}`;

export function morningCard(p: {
  name: string;
  day: string;
  today: DutyLine[];
  ongoing: DutyLine[];
  overdue: DutyLine[];
  /** patrol problems due, until verified closed: each with its button */
  issues?: { text: string; value: ActionValue }[];
}): Card {
  const parts: CardElement[] = [markdown(`${esc(p.name)}，早上好！今天是 ${p.day}。`)];
  if (p.issues?.length) {
    parts.push(markdown(`<font color='orange'>**整改到期**</font>`));
    p.issues.slice(0, MORNING_ISSUES).forEach((it, i) => parts.push(markdown(esc(it.text)), button({ name: `issue_${i}`, text: '已整改', value: it.value })));
    if (p.issues.length > MORNING_ISSUES) parts.push(note(`另有 ${p.issues.length - MORNING_ISSUES} 项整改到期，处理以上各项后会在之后的早报中列出。`));
  }
  if (p.overdue.length) parts.push(markdown(`<font color='red'>**已逾期**</font>\n${lines(p.overdue)}`));
  if (p.today.length) parts.push(markdown(`**今天到期**\n${lines(p.today)}`));
  if (p.ongoing.length) parts.push(markdown(`**进行中**\n${lines(p.ongoing)}`));
  parts.push(note('发送「待办」随时查看；发送「设置」修改本卡片的推送时间。'));
  return card({ title: '今日待办', subtitle: p.day, color: 'blue', summary: `今日待办 ${p.today.length} 项`, elements: parts });
}

export function paceNudgeCard(p: { items: DutyLine[] }): Card {
  return card({
    title: '进度提醒',
    color: 'yellow',
    summary: `有 ${p.items.length} 项指标进度落后`,
    elements: [markdown(`以下指标进度落后：\n${p.items.map(line).join('\n')}`), note('每天最多提醒一次。')],
  });
}

export function shortfallCard(p: { title: string; progress: string; period: string }): Card {
  return card({
    title: `未完成：${p.title}`,
    color: 'orange',
    summary: `${p.title} 未完成`,
    elements: [markdown(`**${p.title}**（${p.period}）完成 ${p.progress}，未达到要求，已如实记录。`)],
  });
}

export function catchUpCard(p: { items: DutyLine[] }): Card {
  return card({
    title: '逾期事项汇总',
    color: 'red',
    summary: `有 ${p.items.length} 项已逾期`,
    elements: [markdown(`以下事项已过截止时间、尚未提交：\n${p.items.slice(0, 30).map(line).join('\n')}${p.items.length > 30 ? `\n…… 共 ${p.items.length} 项` : ''}`), note('补交会标记为迟交。')],
  });
}

export function calendarMissingCard(p: { year: number }): Card {
  return card({
    title: `缺少 ${p.year} 年节假日数据`,
    color: 'orange',
    summary: `缺少 ${p.year} 年节假日数据`,
    elements: [
      markdown(`物服管家还没有 **${p.year} 年**的法定节假日和调休安排，目前按普通周一至周五上班处理。国务院发布安排后，请在公司日历文件（CALENDAR_FILE）中补充 ${p.year} 年的放假和调休日期。`),
      note('本提醒每年只发一次。'),
    ],
  });
}
