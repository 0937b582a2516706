// Splits a scheduler pass into batches of centers (each person's centers kept together) plus one global batch for company-wide work.
import { addDays } from '../lib/shanghai.ts';
import type { DutyOrg } from '../rules/duties/duty-org.ts';

/** Centers per batch: one batch is one transaction, so a crash loses at most this much of a pass. */
export const BATCH_CENTERS = Number(process.env.STEWARD_BATCH_CENTERS ?? 300);

export interface Batch {
  /** 0 is the global batch (announcements, calendar warning, digests, follow-ups); 1… hold centers */
  no: number;
  centers: string[];
  /** people whose personal cards (morning card, pace nudge, catch-up) this batch sends: all their centers are in it */
  people: Set<string>;
}

/**
 * Centers grouped so that everyone holding a post in the recent past (managers, supervisors, leaders excluded: they
 * receive digests, which the global batch sends) has all their centers in one batch, then chunked in code order.
 */
export function planBatches(org: DutyOrg, today: string, size = BATCH_CENTERS, lookBackDays = 60): Batch[] {
  const since = addDays(today, -lookBackDays);
  const parent = new Map<string, string>();
  const find = (c: string): string => {
    let r = c;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(c, r);
    return r;
  };
  const codes = new Set<string>(org.centers.keys());
  for (const a of org.assignments) codes.add(a.centerCode);
  for (const c of codes) parent.set(c, c);
  const firstOf = new Map<string, string>();
  for (const a of org.assignments) {
    if (a.role === 'leader' || (a.validTo !== null && a.validTo < since)) continue;
    const first = firstOf.get(a.personId);
    if (first === undefined) firstOf.set(a.personId, a.centerCode);
    else {
      const [x, y] = [find(first), find(a.centerCode)];
      if (x !== y) parent.set(x > y ? x : y, x > y ? y : x);
    }
  }
  const groups = new Map<string, string[]>();
  for (const c of [...codes].sort()) {
    const r = find(c);
    groups.set(r, [...(groups.get(r) ?? []), c]);
  }
  const batches: Batch[] = [{ no: 0, centers: [], people: new Set() }];
  let current: string[] = [];
  const close = () => {
    if (current.length) batches.push({ no: batches.length, centers: current, people: new Set() });
    current = [];
  };
  for (const group of groups.values()) {
    if (current.length && current.length + group.length > size) close();
    current.push(...group);
  }
  close();
  const batchOf = new Map<string, Batch>();
  for (const b of batches) for (const c of b.centers) batchOf.set(c, b);
  // a person's cards go with the batch of their current post (else a past one): union-find put all their recent posts there
  const home = new Map<string, Batch>();
  for (const current of [false, true]) {
    for (const a of org.assignments) {
      const b = batchOf.get(a.centerCode);
      if (a.role !== 'leader' && b && (a.validTo === null) === current) home.set(a.personId, b);
    }
  }
  for (const [personId, b] of home) b.people.add(personId);
  return batches;
}

/** The org as a batch sees it: its centers and their posts (people all, for names and recipients). */
export function orgOfBatch(org: DutyOrg, batch: Batch): DutyOrg {
  const set = new Set(batch.centers);
  return {
    people: org.people,
    centers: new Map([...org.centers].filter(([code]) => set.has(code))),
    assignments: org.assignments.filter((a) => set.has(a.centerCode)),
  };
}
