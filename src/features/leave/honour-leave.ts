// Leave recorded after its first days passed: those days' duties are put as if it had been recorded ahead (suspended,
// quotas shrunk), and what was booked against them is waived with the reason 请假 and who recorded it.
import { and, eq, gte, inArray, isNull, lte, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { setDutyStatus } from '../../db/queries/duties.ts';
import { duties, ledger, type LedgerEntry } from '../../db/schema/index.ts';
import { loadDutyOrg } from '../../rules/duties/duty-org.ts';
import { generateDuties } from '../../rules/duties/generate-duties.ts';
import type { RulesContext } from '../../rules/rules-context.ts';
import type { DutySpec } from '../../rules/duties/types.ts';
import { addDays } from '../../lib/shanghai.ts';

/** Statuses a passed duty can have that leave undoes (done stays done: the work was handed in). */
const UNDONE = ['open', 'overdue', 'missed', 'late', 'short'] as const;

/** How far back leave may reach past duties: the late-filing window (a deadline missed is final after 7 days). */
export const LEAVE_BACKDATE_DAYS = 7;

export interface HonouredLeave {
  /** duties whose deadline or period had passed, now suspended or met */
  duties: number;
  /** ledger entries waived (请假) */
  waived: LedgerEntry[];
}

/**
 * Applies a leave just stored (the leaves table already holds it) to the person's duties due from its first day through
 * today: a duty the generator now says is suspended becomes so (whatever it was, but done), a quota whose target shrank
 * is met when its count reaches the new target; the fines and points booked for those duties are waived.
 */
export async function honourPassedLeave(
  tx: Db,
  rules: RulesContext,
  leave: { personId: string; from: string; to: string },
  recordedBy: { id: string; name: string },
  now: Date,
  today: string,
): Promise<HonouredLeave> {
  const through = leave.to < today ? leave.to : today;
  if (leave.from > through) return { duties: 0, waived: [] };
  const org = await loadDutyOrg(tx);
  // deadlines due in the window, and quotas whose period overlaps it (a month that began before the leave, or runs on)
  const specs = generateDuties(rules.book, org, rules.calendar, leave.from, through).filter((s) => s.personId === leave.personId);
  const byKey = new Map(specs.map((s) => [s.key, s]));
  const stored = await tx
    .select()
    .from(duties)
    .where(
      and(
        eq(duties.personId, leave.personId),
        inArray(duties.status, [...UNDONE]),
        or(
          and(ne(duties.kind, 'quota'), gte(duties.dueDay, leave.from), lte(duties.dueDay, through)),
          and(eq(duties.kind, 'quota'), lte(duties.periodStart, through), gte(duties.periodEnd, leave.from)),
        ),
      ),
    );
  const touched: number[] = [];
  for (const d of stored) {
    const spec = byKey.get(d.key);
    if (!spec) continue;
    const passed = d.dueAt <= now;
    if (d.kind !== 'quota') {
      // a deadline within the leave: suspended as leave recorded ahead would have it (one still ahead: the same, now)
      if (spec.status !== 'suspended') continue;
      await setDutyStatus(tx, [d.id], 'suspended', spec.statusNote);
      if (passed) touched.push(d.id);
      continue;
    }
    // a quota: its target shrinks with the days on leave; one already closed short may now be met
    if (spec.status === 'suspended') {
      await setDutyStatus(tx, [d.id], 'suspended', spec.statusNote);
      if (d.status === 'short') touched.push(d.id);
    } else if (spec.target !== null && spec.target !== d.target) {
      const met = d.status === 'short' && d.progress >= spec.target;
      await tx
        .update(duties)
        .set({ target: spec.target, ...(met ? { status: 'done' as const } : {}) })
        .where(eq(duties.id, d.id));
      if (met) touched.push(d.id);
    }
  }
  if (touched.length === 0) return { duties: 0, waived: [] };
  const waived = await tx
    .update(ledger)
    .set({ waivedAt: now, waivedBy: recordedBy.id, waiveReason: `请假（${recordedBy.name}登记）` })
    .where(
      and(
        eq(ledger.personId, leave.personId),
        eq(ledger.sourceType, 'duty'),
        inArray(ledger.sourceId, touched.map(String)),
        isNull(ledger.waivedAt),
      ),
    )
    .returning();
  return { duties: touched.length, waived };
}

/**
 * The scheduler's share: leave from the org file (IT's tool, trusted like an admin) reaches back over the late-filing window
 * too. Duties due in it that the generator now says are on leave, but were missed, filed late or closed short, are
 * suspended and their entries waived. Leave recorded in chat was applied when it was saved: nothing is left for it here.
 */
export async function honourLeaveOfPassedDays(tx: Db, specs: DutySpec[], today: string, now: Date): Promise<number> {
  const from = addDays(today, -LEAVE_BACKDATE_DAYS);
  const onLeave = new Map(specs.filter((s) => s.status === 'suspended' && s.dueDay >= from && s.dueDay <= today).map((s) => [s.key, s]));
  if (onLeave.size === 0) return 0;
  const people = [...new Set([...onLeave.values()].map((s) => s.personId))];
  const rows = await tx
    .select({ id: duties.id, key: duties.key })
    .from(duties)
    .where(
      and(
        inArray(duties.personId, people),
        gte(duties.dueDay, from),
        lte(duties.dueDay, today),
        inArray(duties.status, ['overdue', 'missed', 'late', 'short']),
      ),
    );
  const hit = rows.filter((r) => onLeave.has(r.key));
  for (const r of hit) await setDutyStatus(tx, [r.id], 'suspended', onLeave.get(r.key)!.statusNote);
  if (hit.length)
    await tx
      .update(ledger)
      .set({ waivedAt: now, waivedBy: 'org_file', waiveReason: '请假（组织文件登记）' })
      .where(
        and(
          eq(ledger.sourceType, 'duty'),
          inArray(
            ledger.sourceId,
            hit.map((r) => String(r.id)),
          ),
          isNull(ledger.waivedAt),
        ),
      );
  return hit.length;
}
