// Writes the duties of the horizon (45 days back, 40 ahead) from rulebook × org × calendar; again when the org or the rules change.
import { eq, max, sql } from 'drizzle-orm';
import { existingDutyKeys, getState, insertDuties, listFutureDuties, setDutyStatus, setState } from '../db/queries/duties.ts';
import { duties, leaves, orgImports } from '../db/schema/index.ts';
import { addDays, shanghaiInstant } from '../lib/shanghai.ts';
import { generateDuties } from '../rules/duties/generate-duties.ts';
import type { TickContext } from './tick-context.ts';

/** How far back a first start (or a long gap) creates duties: bounded, so catch-up stays one digest. */
export const BACK_DAYS = 45;
export const AHEAD_DAYS = 40;

interface Materialized {
  day: string;
  version: string;
  orgImport: number;
  leave: string;
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
  const stamp: Materialized = { day: today, version: rules.version, orgImport: latest?.id ?? 0, leave: `${leave?.id ?? 0}:${leave?.cancelled ?? 0}` };
  const previous = await getState<Materialized>(tx, 'materialized');
  if (!force && previous && previous.day === stamp.day && previous.version === stamp.version && previous.orgImport === stamp.orgImport && previous.leave === stamp.leave) return null;

  const from = addDays(today, -BACK_DAYS);
  const to = addDays(today, AHEAD_DAYS);
  const specs = generateDuties(rules.book, ctx.org, rules.calendar, from, to);
  // only what is new goes to the insert (the unique key still guards against a concurrent pass)
  const stored = await existingDutyKeys(tx, specs.reduce((m, s) => (s.dueDay < m ? s.dueDay : m), from), specs.reduce((m, s) => (s.dueDay > m ? s.dueDay : m), to));
  const created = await insertDuties(tx, specs.filter((s) => !stored.has(s.key)), now);

  // reconcile what is not due yet with what the generator says now (a manager moved, leave added, a rule switched off)
  const byKey = new Map(specs.map((s) => [s.key, s]));
  const future = await listFutureDuties(tx, now, shanghaiInstant(to, '23:59'));
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
    if (spec.target !== row.target && spec.target !== null) await tx.update(duties).set({ target: spec.target }).where(eq(duties.id, row.id));
  }
  await setDutyStatus(tx, cancel, 'cancelled', '组织或规则调整');
  report.cancelled = cancel.length;
  await setState(tx, 'materialized', stamp, now);
  return report;
}
