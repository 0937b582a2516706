// Scores for any period (day, ISO week, month, quarter, half-year, year): per person and per center, every total explained
// by its ledger entries. Longer periods are sums of their months; a leader's roll-up is computed month by month (none in a week).
import { and, eq, gt, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listCenterRoles, listCenters, listPeople } from '../../db/queries/org.ts';
import { deductions, duties, ledger } from '../../db/schema/index.ts';
import { periodText } from '../../lark/cards/format.ts';
import { parsePeriodKey, periodsBetween, type Period } from '../../lib/periods.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import type { Deduction, Rulebook } from '../../rules/rulebook/schema.ts';
import { complaintKpis, sumKpis } from '../complaints/complaint-kpis.ts';
import { complaintMeasure } from '../complaints/complaint-rule.ts';
import type { CenterScore, PersonScore, ScoreEntry, ScoreTable } from './score-types.ts';

export class PeriodError extends Error {}

/** A leader's points for a month of their managers' points: `points` for every `per`, a remainder counting as a whole block. */
export function rollupPoints(managersPoints: number, per = 5, points = 3): number {
  return managersPoints <= 0 ? 0 : Math.ceil(managersPoints / per) * points;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const overlaps = (from: string, to: string | null, p: Period) => from <= p.end && (to === null || to > p.start);

export async function computeScores(db: Db, book: Rulebook, periodKey: string, now: Date): Promise<ScoreTable> {
  const period = parsePeriodKey(periodKey);
  if (!period) throw new PeriodError(`not a period: "${periodKey}" (use 2026-11, 2026-W46, 2026-Q4, 2026-H2, 2026 or 2026-11-27)`);
  // one after another: `db` may be a transaction, whose single connection runs one query at a time
  const people = await listPeople(db);
  const centers = await listCenters(db);
  const roles = await listCenterRoles(db);
  const name = new Map(people.map((p) => [p.id, p.name]));
  const entries = await db
    .select()
    .from(ledger)
    .where(and(gte(ledger.day, period.start), lte(ledger.day, period.end)));
  // the period's deadlines as of now: due by now, or already filed (a report filed before its deadline counts at once);
  // one still open before its deadline is neither met nor missed: it is counted apart, as 未到期
  const owed = await db
    .select()
    .from(duties)
    .where(
      and(
        inArray(duties.kind, ['deadline', 'anchored']),
        gte(duties.dueDay, period.start),
        lte(duties.dueDay, period.end),
        or(lte(duties.dueAt, now), inArray(duties.status, ['done', 'late'])),
      ),
    );
  const today = shanghaiDay(now);
  const pending = await db
    .select({ personId: duties.personId })
    .from(duties)
    .where(
      and(
        inArray(duties.kind, ['deadline', 'anchored']),
        eq(duties.status, 'open'),
        gt(duties.dueAt, now),
        gte(duties.dueDay, period.start),
        lte(duties.dueDay, period.end),
        lte(duties.periodStart, today),
      ),
    );
  const quotas = await db
    .select()
    .from(duties)
    .where(
      and(
        inArray(duties.kind, ['quota']),
        gte(duties.periodEnd, period.start),
        lte(duties.periodEnd, period.end),
        inArray(duties.status, ['done', 'short']),
      ),
    );
  const redlines = await db
    .select()
    .from(deductions)
    .where(
      and(
        inArray(
          deductions.ruleId,
          book.rules
            .filter((r) => r.kind === 'deduction' && r.redline)
            .map((r) => r.id)
            .concat(['-']),
        ),
        isNull(deductions.resolvedAt),
      ),
    );
  const ruleTitle = new Map(book.rules.map((r) => [r.id, r.title]));

  const toEntry = (e: (typeof entries)[number]): ScoreEntry => ({
    id: e.id,
    ruleId: e.ruleId,
    centerCode: e.centerCode,
    day: e.day,
    yuan: Number(e.yuan),
    points: Number(e.points),
    reason: e.reason,
    waived: e.waivedAt !== null,
    waiveReason: e.waiveReason,
  });
  const sum = (list: ScoreEntry[], k: 'yuan' | 'points') => round2(list.filter((e) => !e.waived).reduce((a, e) => a + e[k], 0));
  const counted = (d: (typeof owed)[number]) =>
    d.status !== 'suspended' && d.status !== 'cancelled' && d.status !== 'waived' && d.status !== 'open';
  const rate = (num: number, den: number) => (den ? num / den : null);
  const redlineText = (d: (typeof redlines)[number]) => `${d.day} ${ruleTitle.get(d.ruleId) ?? d.ruleId}${d.note ? `：${d.note}` : ''}`;

  // everything grouped once, by person and by center (not filtered again for each of thousands of people)
  const groupBy = <T, K>(list: T[], key: (x: T) => K) => {
    const m = new Map<K, T[]>();
    for (const x of list) {
      const k = key(x);
      const bucket = m.get(k);
      if (bucket) bucket.push(x);
      else m.set(k, [x]);
    }
    return m;
  };
  const entriesBy = groupBy(entries, (e) => e.personId);
  const entriesAt = groupBy(entries, (e) => e.centerCode);
  const owedBy = groupBy(
    owed.filter((d) => counted(d)),
    (d) => d.personId,
  );
  const owedAt = groupBy(
    owed.filter((d) => counted(d)),
    (d) => d.centerCode,
  );
  const quotasBy = groupBy(quotas, (d) => d.personId);
  const pendingBy = groupBy(pending, (d) => d.personId);
  const redlinesBy = groupBy(redlines, (d) => d.personId);
  const redlinesAt = groupBy(redlines, (d) => d.centerCode);
  const centerName = new Map(centers.map((c) => [c.code, c.name]));

  // who held which post during the period
  const held = roles.filter((r) => overlaps(r.validFrom, r.validTo, period));
  const rollup = book.rules.find((r): r is Deduction => r.kind === 'deduction' && Boolean(r.rollup) && r.enabled)?.rollup;
  // the roll-up is a monthly assessment (月度考核): a month's own, a longer period the sum of its months; a week or a day
  // holds none (weeks do not add up to months), only the managers' points it saw
  const monthly = period.unit !== 'day' && period.unit !== 'week';
  const windows = monthly ? periodsBetween('month', period.start, period.end) : [period];

  const personScores: PersonScore[] = [];
  const heldBy = groupBy(held, (r) => r.personId);
  const heldAt = groupBy(held, (r) => r.centerCode);
  for (const p of people) {
    const posts = heldBy.get(p.id) ?? [];
    if (posts.length === 0) continue;
    const role = posts.some((r) => r.role === 'manager') ? 'manager' : posts.some((r) => r.role === 'supervisor') ? 'supervisor' : 'leader';
    const mine = (entriesBy.get(p.id) ?? []).map(toEntry);
    const myOwed = owedBy.get(p.id) ?? [];
    const myQuotas = quotasBy.get(p.id) ?? [];
    let rollupTotal = 0;
    let managersPoints = 0;
    if (posts.some((r) => r.role === 'leader')) {
      for (const m of windows) {
        const led = new Set(posts.filter((r) => r.role === 'leader' && overlaps(r.validFrom, r.validTo, m)).map((r) => r.centerCode));
        const managers = new Set(
          [...led].flatMap((code) =>
            (heldAt.get(code) ?? []).filter((r) => r.role === 'manager' && overlaps(r.validFrom, r.validTo, m)).map((r) => r.personId),
          ),
        );
        const pts = [...led]
          .flatMap((code) => entriesAt.get(code) ?? [])
          .filter((e) => managers.has(e.personId) && e.day >= m.start && e.day <= m.end && e.waivedAt === null)
          .reduce((a, e) => a + Number(e.points), 0);
        managersPoints += pts;
        if (rollup && monthly) rollupTotal += rollupPoints(pts, rollup.per, rollup.points);
      }
    }
    personScores.push({
      personId: p.id,
      name: p.name,
      role,
      centers: [...new Set(posts.map((r) => centerName.get(r.centerCode) ?? r.centerCode))],
      yuan: sum(mine, 'yuan'),
      points: round2(sum(mine, 'points') + rollupTotal),
      rollupPoints: rollupTotal,
      managersPoints: round2(managersPoints),
      deadlinesOwed: myOwed.length,
      deadlinesOnTime: myOwed.filter((d) => d.status === 'done').length,
      deadlinesPending: pendingBy.get(p.id)?.length ?? 0,
      onTimeRate: rate(myOwed.filter((d) => d.status === 'done').length, myOwed.length),
      quotasClosed: myQuotas.length,
      quotasReached: myQuotas.filter((d) => d.status === 'done').length,
      quotaRate: rate(myQuotas.filter((d) => d.status === 'done').length, myQuotas.length),
      redLines: (redlinesBy.get(p.id) ?? []).map(redlineText),
      entries: mine.sort((a, b) => a.day.localeCompare(b.day) || a.id - b.id),
    });
  }

  // complaint figures: a month's own, or the sum of the months of a longer period
  const kpiMonths =
    period.unit === 'day' || period.unit === 'week'
      ? periodsBetween('month', period.start, period.start)
      : periodsBetween('month', period.start, period.end);
  const kpis = (await Promise.all(kpiMonths.map((m) => complaintKpis(db, m.key.slice(0, 7), now)))).flat();
  const kpisAt = groupBy(kpis, (k) => k.centerCode);
  const measure = complaintMeasure(book);
  const min = (metric: string, fallback: number) => measure?.thresholds.find((t) => t.metric === metric)?.min ?? fallback;

  // each leader's figures over the centers they led in the period
  const ledBy = groupBy(
    held.filter((r) => r.role === 'leader'),
    (r) => r.personId,
  );
  for (const ps of personScores) {
    const led = [...new Set((ledBy.get(ps.personId) ?? []).map((r) => r.centerCode))];
    if (led.length === 0) continue;
    const k = sumKpis(
      led.flatMap((code) => kpisAt.get(code) ?? []),
      '*',
    );
    ps.complaints = {
      centers: led.length,
      received: k.received,
      closed: k.closed,
      closureRate: k.closureRate,
      calledBack: k.calledBack,
      satisfied: k.satisfied,
      satisfaction: k.satisfaction,
      outsideRemit: k.outsideRemit,
    };
  }

  const centerScores: CenterScore[] = centers
    .filter((c) => heldAt.has(c.code))
    .map((c) => {
      const mine = (entriesAt.get(c.code) ?? []).map(toEntry);
      const here = heldAt.get(c.code) ?? [];
      const managerRow = here.filter((r) => r.role === 'manager').at(-1);
      const leaderRow = here.filter((r) => r.role === 'leader').at(-1);
      const myOwed = owedAt.get(c.code) ?? [];
      const k = sumKpis(kpisAt.get(c.code) ?? [], c.code);
      return {
        centerCode: c.code,
        name: c.name,
        managerId: managerRow?.personId ?? null,
        manager: managerRow ? (name.get(managerRow.personId) ?? managerRow.personId) : '—',
        leader: leaderRow ? (name.get(leaderRow.personId) ?? leaderRow.personId) : '—',
        yuan: sum(mine, 'yuan'),
        points: sum(mine, 'points'),
        onTimeRate: rate(myOwed.filter((d) => d.status === 'done').length, myOwed.length),
        complaintsReceived: k.received,
        complaintsOutsideRemit: k.outsideRemit,
        closureRate: k.closureRate,
        satisfaction: k.satisfaction,
        redLines: (redlinesAt.get(c.code) ?? []).map(redlineText),
        rank: 0,
      };
    });
  // the best first: fewest points, then fewest yuan, then the best on-time rate
  centerScores.sort(
    (a, b) =>
      a.redLines.length - b.redLines.length ||
      a.points - b.points ||
      a.yuan - b.yuan ||
      (b.onTimeRate ?? 1) - (a.onTimeRate ?? 1) ||
      a.centerCode.localeCompare(b.centerCode),
  );
  centerScores.forEach((c, i) => (c.rank = i + 1));

  return {
    period: period.key,
    periodText: periodText(period.key),
    from: period.start,
    to: period.end,
    generatedAt: now.toISOString(),
    people: personScores,
    centers: centerScores,
    thresholds: { closureRate: min('closure_rate', 0.7), satisfaction: min('satisfaction', 0.8) },
  };
}
