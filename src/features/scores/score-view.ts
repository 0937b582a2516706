// 我的积分 in chat, for any period, and a leader's (or admin's) look at one of their people: the entries behind the totals,
// with a 豁免 button on each entry and a 解除 button on each open red line for whoever may judge them.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { getPersonById, listCenterRolesOn, listCenters, listPeople } from '../../db/queries/org.ts';
import { deductions, type Person } from '../../db/schema/index.ts';
import type { CardActionHandler } from '../../lark/card-actions/types.ts';
import { periodText } from '../../lark/cards/format.ts';
import type { ActionValue, Card } from '../../lark/cards/kit.ts';
import { noticeCard } from '../../lark/cards/kit.ts';
import { LEDGER_TEXT, nameAmbiguousCard, periodHelpCard, periodNotBegunCard } from '../../lark/cards/ledger-cards.ts';
import { myScoreCard, type ScoreNav } from '../../lark/cards/score-cards.ts';
import { TOASTS } from '../../lark/cards/toasts.ts';
import { periodFromWords } from '../../lib/period-words.ts';
import { parsePeriodKey, periodOf, type Period } from '../../lib/periods.ts';
import { addDays, shanghaiDay } from '../../lib/shanghai.ts';
import type { Rulebook } from '../../rules/rulebook/schema.ts';
import { cardToPerson, enqueue } from '../../outbox/enqueue.ts';
import { isAdmin } from '../leave/leave-authority.ts';
import { computeScores } from './compute-scores.ts';
import { redlineRuleIds } from './waive.ts';

/** In the first days of a month (after last month's announcement) 我的积分 opens on last month, this one a tap away. */
const LAST_MONTH_DAYS = 7;

/** Who a viewer may look at and judge: everyone (an admin), or the people of the centers they lead in charge today. */
export interface Scope {
  admin: boolean;
  led: Set<string>;
}

export async function scopeOf(db: Db, viewer: Person, today: string): Promise<Scope> {
  const led = (await listCenterRolesOn(db, today)).filter((r) => r.role === 'leader' && r.personId === viewer.id).map((r) => r.centerCode);
  return { admin: await isAdmin(db, viewer), led: new Set(led) };
}

const covers = (s: Scope, centerCode: string) => s.admin || s.led.has(centerCode);

/** The people a viewer may look at besides themselves: everyone with a post (an admin), or the managers and supervisors of their centers. */
async function visiblePeople(db: Db, scope: Scope, today: string): Promise<{ id: string; name: string; center: string }[]> {
  if (!scope.admin && scope.led.size === 0) return [];
  const names = new Map((await listPeople(db, { activeOnly: true })).map((p) => [p.id, p.name]));
  const centerNames = new Map((await listCenters(db)).map((c) => [c.code, c.name]));
  const out = new Map<string, { id: string; name: string; center: string }>();
  for (const r of await listCenterRolesOn(db, today)) {
    if (!names.has(r.personId) || out.has(r.personId)) continue;
    if (scope.admin || (r.role !== 'leader' && scope.led.has(r.centerCode)))
      out.set(r.personId, { id: r.personId, name: names.get(r.personId)!, center: centerNames.get(r.centerCode) ?? r.centerCode });
  }
  return [...out.values()];
}

/** The period a score card opens on when none is asked for. */
function defaultPeriod(today: string): Period {
  const month = periodOf('month', today);
  return Number(today.slice(8)) <= LAST_MONTH_DAYS ? periodOf('month', addDays(month.start, -1)) : month;
}

/** The open red lines of a person, each with its text as the scores show it. */
async function openRedLines(db: Db, book: Rulebook, personId: string) {
  const title = new Map(book.rules.map((r) => [r.id, r.title]));
  const rows = await db
    .select()
    .from(deductions)
    .where(
      and(eq(deductions.personId, personId), inArray(deductions.ruleId, redlineRuleIds(book).concat(['-'])), isNull(deductions.resolvedAt)),
    )
    .orderBy(deductions.id);
  return rows.map((d) => ({ ...d, text: `${d.day} ${title.get(d.ruleId) ?? d.ruleId}${d.note ? `：${d.note}` : ''}` }));
}

/** Where a score card came from, to go back to: the 团队 of a period. */
interface Origin {
  team?: string;
}

/** The buttons a card's judgement carries to come back to the same view. */
export function viewValue(period: string, subjectId: string, viewer: Person, origin: Origin): Record<string, string> {
  return { p: period, ...(subjectId !== viewer.id ? { w: subjectId } : {}), ...(origin.team ? { t: origin.team } : {}) };
}

/** A person's card for a period, as `viewer` may see it (their own, or one of their people's with buttons to judge). */
export async function scoreView(
  db: Db,
  book: Rulebook,
  viewer: Person,
  subjectId: string,
  period: Period,
  now: Date,
  origin: Origin = {},
): Promise<Card> {
  const today = shanghaiDay(now);
  const scope = await scopeOf(db, viewer, today);
  const self = subjectId === viewer.id;
  if (!self && !(await visiblePeople(db, scope, today)).some((p) => p.id === subjectId)) return noticeCard(LEDGER_TEXT.notYours);
  const subject = self ? viewer : await getPersonById(db, subjectId);
  if (!subject) return noticeCard(LEDGER_TEXT.notYours);
  const table = await computeScores(db, book, period.key, now);
  const score = table.people.find((p) => p.personId === subjectId) ?? null;
  const back = viewValue(period.key, subjectId, viewer, origin);
  const waive = new Map<number, ActionValue>();
  if (!self)
    for (const e of score?.entries ?? [])
      if (!e.waived && covers(scope, e.centerCode)) waive.set(e.id, { a: 'ledger.waive.ask', e: e.id, ...back });
  const redLines = (await openRedLines(db, book, subjectId)).map((d) => ({
    text: d.text,
    resolve: !self && covers(scope, d.centerCode) ? { a: 'redline.resolve.ask', id: d.id, ...back } : null,
  }));
  const month = periodOf('month', today);
  const other = period.key === month.key ? periodOf('month', addDays(month.start, -1)) : month;
  const nav: ScoreNav[] = [
    { to: period.key === month.key ? 'lastMonth' : 'thisMonth', value: { a: 'score.view', ...back, p: other.key } },
    ...(origin.team ? [{ to: 'team' as const, value: { a: 'team.view', p: origin.team } }] : []),
  ];
  return myScoreCard({ score, name: subject.name, periodText: table.periodText, unit: period.unit, waive, redLines, nav });
}

/** Words → a name among `names` and a period: 「上月」, 「张伟」, 「张伟 上月」, 「上月张伟」; null when they say neither. */
function readWords(words: string, names: string[], today: string): { name: string | null; period: Period | null } | null {
  if (!words) return { name: null, period: null };
  const whole = periodFromWords(words, today);
  if (whole) return { name: null, period: whole };
  // the words come lower-cased (张伟 stays 张伟; Anna is read as anna)
  const s = words.replace(/\s+/g, '').toLowerCase();
  for (const name of [...new Set(names)].sort((a, b) => b.length - a.length)) {
    const n = name.replace(/\s+/g, '').toLowerCase();
    if (!n) continue;
    const rest = s.startsWith(n) ? s.slice(n.length) : s.endsWith(n) ? s.slice(0, s.length - n.length) : null;
    if (rest === null) continue;
    const period = rest ? periodFromWords(rest, today) : null;
    if (!rest || period) return { name, period };
  }
  return null;
}

/** 我的积分 [period], or 积分 <name> [period] for a leader or admin. */
export async function scoreFor(db: Db, book: Rulebook, viewer: Person, words: string, now: Date): Promise<Card> {
  const today = shanghaiDay(now);
  const scope = await scopeOf(db, viewer, today);
  const people = await visiblePeople(db, scope, today);
  const read = readWords(words, [viewer.name, ...people.map((p) => p.name)], today);
  if (!read) {
    // someone's name, but not one of theirs: say so, rather than that the words were not understood
    const anyone = (await listPeople(db, { activeOnly: true })).map((p) => p.name);
    if (readWords(words, anyone, today)) return noticeCard(LEDGER_TEXT.notYours);
    return periodHelpCard({ words, team: false, byName: people.length > 0 });
  }
  const period = read.period ?? defaultPeriod(today);
  if (period.start > today) return periodNotBegunCard({ periodText: periodText(period.key), team: false });
  let subjectId = viewer.id;
  if (read.name && read.name !== viewer.name) {
    const named = people.filter((p) => p.name === read.name);
    if (named.length > 1) return nameAmbiguousCard({ name: read.name, where: named.map((p) => p.center) });
    subjectId = named[0]!.id;
  }
  return scoreView(db, book, viewer, subjectId, period, now);
}

/** score.send: someone's scores opened from a card that stays (a late digest): sent as a card of its own to the viewer. */
export const sendScore: CardActionHandler = async (tx, ctx, input) => {
  const period = parsePeriodKey(String(input.value.p ?? ''));
  if (!period || typeof input.value.w !== 'string' || !input.person.openId)
    return { toast: { type: 'error', content: TOASTS.badCardValue } };
  const view = await scoreView(tx, ctx.rules.book, input.person, input.value.w, period, input.now);
  await enqueue(tx, input.now, cardToPerson(`score-view:${input.eventId}`, input.person.openId, view, `card:${input.messageId}`));
  return { toast: { type: 'success', content: LEDGER_TEXT.sent } };
};

/** score.view: another period (or back from a judgement) on the same card. */
export const showScore: CardActionHandler = async (tx, ctx, input) => {
  const period = parsePeriodKey(String(input.value.p ?? ''));
  const subject = input.value.w === undefined ? input.person.id : String(input.value.w);
  const team = input.value.t === undefined ? undefined : String(input.value.t);
  if (!period || (team !== undefined && !parsePeriodKey(team))) return { toast: { type: 'error', content: TOASTS.badCardValue } };
  return { card: { type: 'raw', data: await scoreView(tx, ctx.rules.book, input.person, subject, period, input.now, { team }) } };
};
