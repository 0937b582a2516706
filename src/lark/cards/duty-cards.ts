// Cards about duties: the reminder and last call, the overdue notice, the late digest, the morning card, pace nudges, catch-up.
import { button, card, escapeMarkdown as esc, fittedList, markdown, note, type ActionValue, type Card, type CardElement } from './kit.ts';

export interface DutyLine {
  title: string;
  due: string;
  /** quotas: "1/2" */
  progress?: string;
  period?: string;
}

const line = (d: DutyLine) =>
  `- **${d.title}**${d.period ? `（${d.period}）` : ''}${d.progress ? ` 进度 ${d.progress}` : ''}，截止 ${d.due}`;

export function reminderCard(p: { title: string; due: string; period?: string; lastCall: boolean; body?: CardElement[] }): Card {
  return card({
    title: p.lastCall ? `最后提醒：${p.title}` : `待提交：${p.title}`,
    subtitle: `截止 ${p.due}`,
    color: p.lastCall ? 'orange' : 'blue',
    summary: `${p.title} 截止 ${p.due}`,
    elements: [
      markdown(
        p.lastCall
          ? `**${p.title}**${p.period ? `（${p.period}）` : ''}将于 **${p.due}** 截止，请尽快提交。`
          : `请在 **${p.due}** 前提交 **${p.title}**${p.period ? `（${p.period}）` : ''}。`,
      ),
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

/** An earlier reminder once a later one carries the form (the last call): its form is gone, so one form per duty stays live. */
export function reminderMovedCard(p: { title: string; due: string; lastCall: boolean }): Card {
  return card({
    title: `${p.title}：请在最新卡片中提交`,
    color: 'grey',
    summary: `${p.title} 请在最新卡片中提交`,
    elements: [
      markdown(`已发出${p.lastCall ? '最后提醒' : '新的提醒'}（截止 **${p.due}**），请在下方最新的「${p.title}」卡片中填写提交。`),
      note('每项事项只保留一张可填写的卡片，以免重复提交。'),
    ],
  });
}

export function overdueCard(p: { title: string; due: string; period?: string; penalty?: string }): Card {
  return card({
    title: `已逾期：${p.title}`,
    color: 'red',
    summary: `${p.title} 已逾期`,
    elements: [
      markdown(
        `**${p.title}**${p.period ? `（${p.period}）` : ''}已于 ${p.due} 截止，尚未提交。请尽快补交，补交会标记为迟交。${p.penalty ? `\n已按规定记${p.penalty}，补交不减免。` : ''}`,
      ),
    ],
  });
}

/** Several deadlines passed unfiled at once for one person (a Thursday's 16:30, a month end): one notice listing them. */
export function overdueListCard(p: { items: { title: string; due: string; period?: string; penalty?: string }[] }): Card {
  const lines = p.items.map(
    (d) => `- **${d.title}**${d.period ? `（${d.period}）` : ''}，截止 ${d.due}${d.penalty ? `，已记${d.penalty}` : ''}`,
  );
  return card({
    title: `已逾期：${p.items.length} 项`,
    color: 'red',
    summary: `${p.items.length} 项已逾期`,
    elements: fittedList('以下事项已过截止时间、尚未提交，请尽快补交（补交会标记为迟交）：\n', lines, '项'),
  });
}

/** People of a digest with a button to their scores (where a fine is waived): the first few; others by 「积分 姓名」. */
const DIGEST_BUTTONS = 10;

export function lateDigestCard(p: {
  title: string;
  due: string;
  late: { name: string; center: string }[];
  /** when the deadline carries a fine: a button per person opening their scores (sent as a card of its own) */
  scores?: { name: string; value: ActionValue }[];
}): Card {
  const buttons = (p.scores ?? []).slice(0, DIGEST_BUTTONS);
  const more = (p.scores?.length ?? 0) - buttons.length;
  return card({
    title: `逾期汇总：${p.title}`,
    subtitle: `截止 ${p.due}`,
    color: 'orange',
    summary: `${p.title} 逾期 ${p.late.length} 人`,
    elements: [
      ...lateLines(p.due, p.late),
      ...(buttons.length
        ? [
            note(`已按规定计罚款。如需豁免（如已批准请假），点姓名查看积分明细${more > 0 ? `；其余 ${more} 人请发「积分 姓名」` : ''}。`),
            ...buttons.map((b, i) => button({ name: `scores_${i}`, text: `${b.name} 积分明细`, value: b.value })),
          ]
        : []),
    ],
  });
}

/** Who is late, as many as fit in a card (a rule for 1,000 managers), and how many more. */
function lateLines(due: string, late: { name: string; center: string }[]): CardElement[] {
  return fittedList(
    `截至 ${due}，以下 **${late.length}** 人未提交：\n`,
    late.map((l) => `- ${esc(l.name)}（${esc(l.center)}）`),
    '人',
  );
}

/** Patrol problems in the morning card with their button: the first few, the rest in 待办. */
const MORNING_ISSUES = 3;
/** Lines of each list in the morning card, the catch-up card and the pace nudge: a phone's screenful in all. */
const SCREEN_LINES = 5;
/** Quotas running, named in one line. */
const MORNING_ONGOING = 6;

/** At most `max` lines, then how many more and where to see them. */
const lines = (items: DutyLine[], max = SCREEN_LINES) =>
  `${items.slice(0, max).map(line).join('\n')}${items.length > max ? `\n${DUTY_TEXT.moreInTodo(items.length - max)}` : ''}`;

const DUTY_TEXT = {
  moreInTodo: (n: number) => `…… 另有 ${n} 项，发送「待办」查看`,
  week: '查看本周',
};

/**
 * The morning card, a screenful on a phone: the patrol problems due (a button each, the first few), today's deadlines,
 * what is overdue, and the quotas running in one line; the rest of the week behind 「查看本周」 (the 待办 week card).
 */
/** The button of a morning line whose clock a record stops. */
export const MORNING_FILL = '填写';

export function morningCard(p: {
  name: string;
  day: string;
  today: DutyLine[];
  ongoing: DutyLine[];
  overdue: DutyLine[];
  /** patrol problems due, until verified closed: each with its button */
  issues?: { text: string; value: ActionValue; button?: string }[];
  /** 查看本周: the card becomes the week's 待办 */
  weekValue?: ActionValue;
}): Card {
  const parts: CardElement[] = [markdown(`${esc(p.name)}，早上好！今天是 ${p.day}。`)];
  if (p.issues?.length) {
    parts.push(markdown(`<font color='orange'>**整改到期**（${p.issues.length} 项）</font>`));
    p.issues
      .slice(0, MORNING_ISSUES)
      .forEach((it, i) => parts.push(markdown(esc(it.text)), button({ name: `issue_${i}`, text: it.button ?? '已整改', value: it.value })));
    if (p.issues.length > MORNING_ISSUES) parts.push(note(DUTY_TEXT.moreInTodo(p.issues.length - MORNING_ISSUES)));
  }
  if (p.today.length) parts.push(markdown(`**今天到期**（${p.today.length} 项）\n${lines(p.today)}`));
  if (p.overdue.length) parts.push(markdown(`<font color='red'>**已逾期**（${p.overdue.length} 项）</font>\n${lines(p.overdue)}`));
  if (p.ongoing.length) {
    const named = p.ongoing.slice(0, MORNING_ONGOING).map((d) => `${d.title}${d.progress ? ` ${d.progress}` : ''}`);
    parts.push(markdown(`**进行中**（${p.ongoing.length} 项）：${named.join('、')}${p.ongoing.length > named.length ? ' 等' : ''}`));
  }
  if (p.weekValue) parts.push(button({ name: 'todo_week', text: DUTY_TEXT.week, type: 'primary', value: p.weekValue }));
  parts.push(note('发送「待办」随时查看；发送「设置」修改本卡片的推送时间。'));
  return card({ title: '今日待办', subtitle: p.day, color: 'blue', summary: `今日待办 ${p.today.length} 项`, elements: parts });
}

export function paceNudgeCard(p: { items: DutyLine[] }): Card {
  return card({
    title: '进度提醒',
    color: 'yellow',
    summary: `有 ${p.items.length} 项指标进度落后`,
    elements: [markdown(`以下指标进度落后：\n${lines(p.items)}`), note('每天最多提醒一次。')],
  });
}

export interface ShortfallLine {
  title: string;
  /** "0/2" */
  progress: string;
  /** "2026年11月" */
  period: string;
}

/** Quotas that closed short, one card per person and pass (a month end closes many at once): never a wall of cards. */
export function shortfallCard(p: { items: ShortfallLine[] }): Card {
  const [first] = p.items;
  if (p.items.length === 1 && first) {
    return card({
      title: `未完成：${first.title}`,
      color: 'orange',
      summary: `${first.title} 未完成`,
      elements: [markdown(`**${first.title}**（${first.period}）完成 ${first.progress}，未达到要求，已如实记录。`)],
    });
  }
  return card({
    title: `未完成：${p.items.length} 项指标`,
    color: 'orange',
    summary: `${p.items.length} 项指标未完成`,
    elements: fittedList(
      '以下指标未达到要求，已如实记录：\n',
      p.items.map((i) => `- **${i.title}**（${i.period}）完成 ${i.progress}`),
      '项',
    ),
  });
}

export function catchUpCard(p: { items: DutyLine[] }): Card {
  return card({
    title: '逾期事项汇总',
    color: 'red',
    summary: `有 ${p.items.length} 项已逾期`,
    elements: [markdown(`以下 ${p.items.length} 项已过截止时间、尚未提交：\n${lines(p.items)}`), note('补交会标记为迟交。')],
  });
}

export function calendarMissingCard(p: { year: number }): Card {
  return card({
    title: `缺少 ${p.year} 年节假日数据`,
    color: 'orange',
    summary: `缺少 ${p.year} 年节假日数据`,
    elements: [
      markdown(
        `物服管家还没有 **${p.year} 年**的法定节假日和调休安排，目前只按法定节日放假（元旦、除夕至初三、清明、5月1日至2日、端午、中秋、10月1日至3日），逢周六、周日的节日在节后的工作日补休，调休上班日无法预知。国务院发布安排后，请在公司日历文件（CALENDAR_FILE）中补充 ${p.year} 年的放假和调休日期。`,
      ),
      note('本提醒每年只发一次。'),
    ],
  });
}
