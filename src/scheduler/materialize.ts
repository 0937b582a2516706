// Writes a batch's duties of the horizon from rulebook × org × calendar (its centers only); again when the day, org or rules change.
import { eq, max, sql } from 'drizzle-orm';
import { existingDutyKeys, getState, insertDuties, listFutureDuties, setDutyStatus, setState } from '../db/queries/duties.ts';
import { duties, leaves, orgImports } from '../db/schema/index.ts';
import { addDays, shanghaiInstant } from '../lib/shanghai.ts';
import { dutiesToStore, isLongDeadline } from '../rules/duties/generate-duties.ts';
import type { DutySpec } from '../rules/duties/types.ts';
import type { TickContext } from './tick-context.ts';
import { honourLeaveOfPassedDays } from '../features/leave/honour-leave.ts';

/** How far back a first start (or a long gap) creates duties: bounded, so catch-up stays one digest. */
const BACK_DAYS = 45;
/** How far ahead duties are stored (by due day; quotas whose period has begun are stored whole): this week for 待办/本周 and
 *  团队, and reminder steps up to 2 workdays before a deadline even across the longest holiday. `steward plan` computes beyond. */
export const AHEAD_DAYS = 14;
/** Deadlines on a month, quarter, half or year are stored this far ahead (their period runs: they may be filed early). */
const LONG_AHEAD_DAYS = 40;

interface Materialized {
  day: string;
  version: string;
  orgImport: number;
  leave: string;
  /** the batch's centers (first…last:count): a new split of the centers materialises again */
  centers?: string;
}

export interface MaterializeReport {
  created: number;
  cancelled: number;
  suspended: number;
  reopened: number;
}

export async function materialize(ctx: TickContext, force = false): Promise<MaterializeReport | null> {
  const { tx, now, today, rules } = ctx;
  const [latest] = await tx.select({ id: max(orgImports.id) }).from(orgImports);
  const [leave] = await tx.select({ id: max(leaves.id), cancelled: sql<number>`count(${leaves.cancelledAt})::int` }).from(leaves);
  const centers = ctx.batch?.centers;
  const stamp: Materialized = {
    day: today,
    version: rules.version,
    orgImport: latest?.id ?? 0,
    leave: `${leave?.id ?? 0}:${leave?.cancelled ?? 0}`,
    centers: centers ? `${centers[0]}…${centers.at(-1)}:${centers.length}` : 'all',
  };
  const stateName = ctx.batch ? `materialized:${ctx.batch.no}` : 'materialized';
  const previous = await getState<Materialized>(tx, stateName);
  if (
    !force &&
    previous &&
    previous.day === stamp.day &&
    previous.version === stamp.version &&
    previous.orgImport === stamp.orgImport &&
    previous.leave === stamp.leave &&
    previous.centers === stamp.centers
  )
    return null;

  const to = addDays(today, AHEAD_DAYS);
  if (!force && previous && onlyTheDayMoved(previous, stamp)) {
    // a plain new day: what the last pass stored is still right, so only the days the horizon gained are generated
    const [prevTo, prevLongTo] = [addDays(previous.day, AHEAD_DAYS), addDays(previous.day, LONG_AHEAD_DAYS)];
    const specs = dutiesToStore(rules.book, ctx.org, rules.calendar, prevTo, to, addDays(today, LONG_AHEAD_DAYS), prevLongTo);
    // what the last pass's window did not hold (the generator also returns quotas whose period runs on: stored already);
    // the identity index still absorbs anything stored by a concurrent pass
    const fresh = specs.filter((s) =>
      s.kind === 'quota' ? s.periodStart > prevTo : isLongDeadline(s.terms) ? s.dueDay > prevLongTo : s.dueDay > prevTo,
    );
    const created = await insertDuties(tx, fresh, now);
    await setState(tx, stateName, stamp, now);
    return { created, cancelled: 0, suspended: 0, reopened: 0 };
  }
  const from = addDays(today, -BACK_DAYS);
  const specs = dutiesToStore(rules.book, ctx.org, rules.calendar, from, to, addDays(today, LONG_AHEAD_DAYS));
  const created = await insertNew(ctx, specs, from);

  // reconcile what is not due yet with what the generator says now (a manager moved, leave added, a rule switched off)
  const byKey = new Map(specs.map((s) => [s.key, s]));
  // quotas run to the end of their period, past the horizon: reconcile through the last due time generated
  const until = specs.reduce((m, s) => (s.dueAt > m ? s.dueAt : m), shanghaiInstant(to, '23:59'));
  const longRules = rules.book.rules.filter(isLongDeadline).map((r) => r.id);
  const future = await listFutureDuties(tx, now, until, centers, { through: to, longThrough: addDays(today, LONG_AHEAD_DAYS), longRules });
  const report: MaterializeReport = { created, cancelled: 0, suspended: 0, reopened: 0 };
  const cancel: number[] = [];
  for (const row of future) {
    const spec = byKey.get(row.key);
    if (!spec) {
      if (row.status === 'open' || row.status === 'suspended') cancel.push(row.id);
      continue;
    }
    if (spec.status === 'suspended' && row.status === 'open') {
      await setDutyStatus(tx, [row.id], 'suspended', spec.statusNote);
      report.suspended++;
    } else if (spec.status === 'open' && row.status === 'suspended') {
      await setDutyStatus(tx, [row.id], 'open', null);
      report.reopened++;
    }
    if (spec.target !== row.target && spec.target !== null)
      await tx.update(duties).set({ target: spec.target }).where(eq(duties.id, row.id));
    // a quota's share ends with the post: a handover brings its due time forward (undone, back to the period's end)
    if (row.kind === 'quota' && spec.dueAt.getTime() !== row.dueAt.getTime())
      await tx.update(duties).set({ dueDay: spec.dueDay, dueAt: spec.dueAt, closesAt: spec.closesAt }).where(eq(duties.id, row.id));
  }
  await setDutyStatus(tx, cancel, 'cancelled', '组织或规则调整');
  report.cancelled = cancel.length;
  report.suspended += await honourLeaveOfPassedDays(tx, specs, today, now);
  await setState(tx, stateName, stamp, now);
  return report;
}

/** The same rules, org, leave and batch as the last pass, a later day within the stored horizon: nothing to reconcile. */
function onlyTheDayMoved(previous: Materialized, stamp: Materialized): boolean {
  return (
    previous.day < stamp.day &&
    addDays(previous.day, AHEAD_DAYS) >= stamp.day &&
    previous.version === stamp.version &&
    previous.orgImport === stamp.orgImport &&
    previous.leave === stamp.leave &&
    previous.centers === stamp.centers
  );
}

/** Inserts the specs not stored yet (the unique index still guards against a concurrent pass); returns how many were new. */
async function insertNew(ctx: TickContext, specs: DutySpec[], bound: string): Promise<number> {
  if (specs.length === 0) return 0;
  let lo = bound;
  let hi = bound;
  for (const s of specs) {
    if (s.dueDay < lo) lo = s.dueDay;
    if (s.dueDay > hi) hi = s.dueDay;
  }
  const stored = await existingDutyKeys(ctx.tx, lo, hi, [...new Set(specs.map((s) => s.personId))]);
  return insertDuties(
    ctx.tx,
    specs.filter((s) => !stored.has(s.key)),
    ctx.now,
  );
}
