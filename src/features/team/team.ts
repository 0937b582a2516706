// 团队 for a leader (each manager today, and the period's deadlines, fines and points; this week unless asked for another)
// and 今日逾期 for the admin department.
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { selectDuties } from '../../db/queries/duties.ts';
import { listCenterRolesOn, listCenters, listPeople } from '../../db/queries/org.ts';
import { duties, type Person } from '../../db/schema/index.ts';
import type { CardActionHandler } from '../../lark/card-actions/types.ts';
import { dayText, periodText } from '../../lark/cards/format.ts';
import type { Card } from '../../lark/cards/kit.ts';
import { noticeCard } from '../../lark/cards/kit.ts';
import { LEDGER_TEXT, periodHelpCard, periodNotBegunCard } from '../../lark/cards/ledger-cards.ts';
import { leaderComplaintsElement } from '../../lark/cards/score-cards.ts';
import { lateTodayCard, teamCard } from '../../lark/cards/record-cards.ts';
import { TOASTS } from '../../lark/cards/toasts.ts';
import { periodFromWords } from '../../lib/period-words.ts';
import { parsePeriodKey, periodOf, type Period } from '../../lib/periods.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import type { Rule, Rulebook } from '../../rules/rulebook/schema.ts';
import { isAdmin } from '../leave/leave-authority.ts';
import { computeScores } from '../scores/compute-scores.ts';
import { scopeOf } from '../scores/score-view.ts';

const TEAM_TEXT = { notAdmin: '「今日逾期」由行政管理部查看。' };

const STATUS_WORDS: Record<string, string> = {
  done: '已交',
  late: '迟交',
  overdue: '逾期',
  open: '未交',
  missed: '缺交',
  suspended: '请假',
};

/** Managers listed with a 明细 button each (a button is two components: the card stays under 200). */
const DETAIL_BUTTONS = 20;

/** 团队 [period]: this week by default; 「团队 上月」, 「团队 2026-11」 … for any other. */
export async function teamFor(db: Db, book: Rulebook, viewer: Person, words: string, now: Date): Promise<Card> {
  const today = shanghaiDay(now);
  const period = words ? periodFromWords(words, today) : periodOf('week', today);
  if (!period) return periodHelpCard({ words, team: true, byName: false });
  if (period.start > today) return periodNotBegunCard({ periodText: periodText(period.key), team: true });
  return teamCardFor(db, book, viewer, period, now);
}

/** team.view: 团队 again (back from a manager's scores). */
export const showTeam: CardActionHandler = async (tx, ctx, input) => {
  const period = parsePeriodKey(String(input.value.p ?? ''));
  if (!period) return { toast: { type: 'error', content: TOASTS.badCardValue } };
  return { card: { type: 'raw', data: await teamCardFor(tx, ctx.rules.book, input.person, period, input.now) } };
};

/** Each manager of the viewer's centers (every center for an admin): today, the period's deadlines, fines and points. */
async function teamCardFor(db: Db, book: Rulebook, viewer: Person, period: Period, now: Date): Promise<Card> {
  const today = shanghaiDay(now);
  const roles = await listCenterRolesOn(db, today);
  const scope = await scopeOf(db, viewer, today);
  if (!scope.admin && scope.led.size === 0 && !viewer.roles.includes('leader')) return noticeCard(LEDGER_TEXT.notLeader);
  const names = new Map((await listPeople(db)).map((p) => [p.id, p.name]));
  const centerNames = new Map((await listCenters(db)).map((c) => [c.code, c.name]));
  const managers = roles.filter((r) => r.role === 'manager' && (scope.admin || scope.led.has(r.centerCode)));
  const list = managers.length
    ? await selectDuties(db).where(
        and(
          inArray(
            duties.personId,
            managers.map((m) => m.personId),
          ),
          gte(duties.dueDay, period.start),
          lte(duties.dueDay, period.end),
        ),
      )
    : [];
  const byManager = new Map<string, typeof list>();
  for (const d of list) byManager.set(`${d.personId}|${d.centerCode}`, [...(byManager.get(`${d.personId}|${d.centerCode}`) ?? []), d]);
  const table = await computeScores(db, book, period.key, now);
  const scores = new Map(table.people.map((p) => [p.personId, p]));
  const current = period.start <= today && today <= period.end;
  const rows = managers.map((m, i) => {
    const deadlines = (byManager.get(`${m.personId}|${m.centerCode}`) ?? []).filter((d) => d.kind !== 'quota');
    const todays = deadlines
      .filter((d) => d.dueDay === today)
      .map((d) => `${(d.terms as Rule).title}${STATUS_WORDS[d.status] ?? d.status}`);
    const count = (s: string[]) => deadlines.filter((d) => s.includes(d.status)).length;
    const score = scores.get(m.personId);
    return {
      name: names.get(m.personId) ?? m.personId,
      center: centerNames.get(m.centerCode) ?? m.centerCode,
      today: current ? todays.join('，') : null,
      deadlines: `已交 ${count(['done'])}，迟交 ${count(['late'])}，逾期 ${count(['overdue', 'missed'])}，待交 ${count(['open'])}`,
      yuan: score?.yuan ?? 0,
      points: score?.points ?? 0,
      detail: i < DETAIL_BUTTONS ? { a: 'score.view', p: period.key, w: m.personId, t: period.key } : null,
    };
  });
  const mine = scores.get(viewer.id);
  const rollup = mine?.role === 'leader' ? { managersPoints: mine.managersPoints, rollupPoints: mine.rollupPoints } : null;
  const c = teamCard({
    leader: viewer.name,
    periodText: period.key === periodOf('week', today).key ? '本周' : periodText(period.key),
    unit: period.unit,
    rows,
    rollup,
    more: Math.max(0, rows.length - DETAIL_BUTTONS),
  });
  // the leader's complaint figures over their centers, after the roll-up
  if (rows.length && mine?.complaints)
    c.body.elements.splice(rollup ? 1 : 0, 0, leaderComplaintsElement(mine.complaints, table.thresholds));
  return c;
}

export async function lateToday(db: Db, actor: Person, now: Date): Promise<Card> {
  if (!(await isAdmin(db, actor))) return noticeCard(TEAM_TEXT.notAdmin);
  const today = shanghaiDay(now);
  const late = await selectDuties(db).where(and(eq(duties.dueDay, today), inArray(duties.status, ['overdue', 'late'])));
  const names = new Map((await listPeople(db)).map((p) => [p.id, p.name]));
  const centerNames = new Map((await listCenters(db)).map((c) => [c.code, c.name]));
  const byPerson = new Map<string, { name: string; center: string; items: string[] }>();
  for (const d of late) {
    const row = byPerson.get(d.personId) ?? {
      name: names.get(d.personId) ?? d.personId,
      center: centerNames.get(d.centerCode) ?? d.centerCode,
      items: [],
    };
    row.items.push(`${(d.terms as Rule).title}${d.status === 'late' ? '（已迟交）' : ''}`);
    byPerson.set(d.personId, row);
  }
  return lateTodayCard({ day: dayText(today), rows: [...byPerson.values()] });
}
