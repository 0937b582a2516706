// Queries on duties: write what the generator computed (idempotently), and find what the scheduler must act on.
import { and, asc, eq, getTableColumns, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { duties, ruleVersions, schedulerState, type Duty, type DutyRow, type DutyStatus } from '../schema/index.ts';
import { termsHash } from '../../rules/duties/rule-version.ts';
import type { Rule } from '../../rules/rulebook/schema.ts';
import type { DutySpec } from '../../rules/duties/types.ts';

const CHUNK = 500;

/** Rows per insert statement: each chunk is one `insert … select from unnest(…)` (a few MB of parameters). */
const BULK = 20_000;

/** One PostgreSQL array literal (as text) of strings or nulls: the same on node-postgres and PGlite. */
function pgArray(values: readonly (string | number | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'number') out += String(v);
    else out += `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  }
  return `${out}}`;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows?: T[] }).rows ?? (result as T[]);

/** The id of each rule version (terms) in the specs: stored once per distinct text of a rule, keyed by its hash. */
async function ruleVersionIds(db: Db, terms: readonly Rule[], now: Date): Promise<Map<Rule, number>> {
  const hashOf = new Map<Rule, string>();
  for (const t of terms) if (!hashOf.has(t)) hashOf.set(t, termsHash(t));
  const byHash = new Map<string, Rule>();
  for (const [t, h] of hashOf) byHash.set(h, t);
  const out = new Map<Rule, number>();
  if (byHash.size === 0) return out;
  const hashes = [...byHash.keys()];
  await db
    .insert(ruleVersions)
    .values([...byHash].map(([hash, t]) => ({ ruleId: t.id, hash, terms: t, createdAt: now })))
    .onConflictDoNothing({ target: ruleVersions.hash });
  const rows = await db
    .select({ id: ruleVersions.id, hash: ruleVersions.hash })
    .from(ruleVersions)
    .where(inArray(ruleVersions.hash, hashes));
  const idOf = new Map(rows.map((r) => [r.hash, r.id]));
  for (const [t, h] of hashOf) out.set(t, idOf.get(h)!);
  return out;
}

/** Inserts specs not yet there (their key absorbs repeats) in bulk, one statement per chunk; returns how many were new. */
export async function insertDuties(db: Db, specs: DutySpec[], now: Date): Promise<number> {
  if (specs.length === 0) return 0;
  const versions = await ruleVersionIds(
    db,
    specs.map((s) => s.terms),
    now,
  );
  let created = 0;
  for (let i = 0; i < specs.length; i += BULK) {
    const c = specs.slice(i, i + BULK);
    const col = (f: (s: DutySpec) => string | number | null) => pgArray(c.map(f));
    const result = await db.execute(sql`
      with ins as (
        insert into duties (rule_id, kind, person_id, center_code, period_key, period_start, period_end, due_day, due_at, closes_at, target, status, status_note, rule_version_id, created_at)
        select u.*, ${now.toISOString()}::timestamptz
        from unnest(${col((s) => s.ruleId)}::text[], ${col((s) => s.kind)}::text[], ${col((s) => s.personId)}::text[],
                    ${col((s) => s.centerCode)}::text[], ${col((s) => s.periodKey)}::text[], ${col((s) => s.periodStart)}::date[], ${col((s) => s.periodEnd)}::date[],
                    ${col((s) => s.dueDay)}::date[], ${col((s) => s.dueAt.toISOString())}::timestamptz[], ${col((s) => s.closesAt.toISOString())}::timestamptz[],
                    ${col((s) => s.target)}::int[], ${col((s) => s.status)}::text[], ${col((s) => s.statusNote)}::text[], ${col((s) => versions.get(s.terms)!)}::int[]) as u
        on conflict (person_id, rule_id, period_key, center_code) do nothing
        returning 1
      )
      select count(*)::int as n from ins`);
    created += rowsOf<{ n: number }>(result)[0]?.n ?? 0;
  }
  return created;
}

/** Every column of a duty plus its rule's terms (from its version): select through this so a Duty has its terms. */
const dutyWithTerms = { ...getTableColumns(duties), terms: ruleVersions.terms };

/** `select` of whole duties with their terms; chain .where/.orderBy as usual. */
export function selectDuties(db: Db) {
  return db.select(dutyWithTerms).from(duties).innerJoin(ruleVersions, eq(ruleVersions.id, duties.ruleVersionId));
}

/** Adds the terms to duty rows read without them (an update's returning): one small query for their versions. */
async function withTerms(db: Db, rows: DutyRow[]): Promise<Duty[]> {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => r.ruleVersionId))];
  const versions = await db
    .select({ id: ruleVersions.id, terms: ruleVersions.terms })
    .from(ruleVersions)
    .where(inArray(ruleVersions.id, ids));
  const termsOf = new Map(versions.map((v) => [v.id, v.terms]));
  return rows.map((r) => ({ ...r, terms: termsOf.get(r.ruleVersionId) }));
}

/** Keys of these people's duties already stored whose due day falls in [fromDay, toDay] (so a re-run inserts only what is new): the identity index leads with the person. */
export async function existingDutyKeys(db: Db, fromDay: string, toDay: string, personIds: string[]): Promise<Set<string>> {
  const keys = new Set<string>();
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const rows = await db
      .select({ key: duties.key })
      .from(duties)
      .where(and(inArray(duties.personId, personIds.slice(i, i + CHUNK)), gte(duties.dueDay, fromDay), lte(duties.dueDay, toDay)));
    for (const r of rows) keys.add(r.key);
  }
  return keys;
}

/** Period keys of duties created by an event (a joint inspection scheduled by the quality center), not by the calendar. */
export const EVENT_PERIOD_PREFIX = 'event:';

/**
 * Calendar duties not yet due in a window, with status and note, for reconciling with what the generator says now.
 * With `generatedThrough` (the last day of the generator's window, and of the long deadlines' one), only what that
 * window produces: deadlines due by then and quotas whose period has begun (a duty stored further ahead is left alone).
 */
export async function listFutureDuties(
  db: Db,
  after: Date,
  until: Date,
  centers?: string[],
  generatedThrough?: string | { through: string; longThrough: string; longRules: string[] },
): Promise<Pick<Duty, 'id' | 'key' | 'kind' | 'status' | 'statusNote' | 'target' | 'dueAt'>[]> {
  return db
    .select({
      id: duties.id,
      key: duties.key,
      kind: duties.kind,
      status: duties.status,
      statusNote: duties.statusNote,
      target: duties.target,
      dueAt: duties.dueAt,
    })
    .from(duties)
    .where(
      and(
        gt(duties.dueAt, after),
        lte(duties.dueAt, until),
        inArray(duties.status, ['open', 'suspended']),
        sql`${duties.periodKey} not like ${`${EVENT_PERIOD_PREFIX}%`}`,
        inCenters(centers),
        generatedThrough
          ? generatedBy(
              typeof generatedThrough === 'string'
                ? { through: generatedThrough, longThrough: generatedThrough, longRules: [] }
                : generatedThrough,
            )
          : undefined,
      ),
    );
}

export async function setDutyStatus(
  db: Db,
  ids: number[],
  status: DutyStatus,
  note: string | null,
  extra: Partial<DutyRow> = {},
): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db
      .update(duties)
      .set({ status, statusNote: note, ...extra })
      .where(inArray(duties.id, ids.slice(i, i + CHUNK)));
  }
}

/** Moves duties whose time has come from one status to another; returns exactly the rows this call moved. */
export async function transitionDue(
  db: Db,
  kinds: string[],
  from: DutyStatus,
  to: DutyStatus,
  column: 'dueAt' | 'closesAt',
  now: Date,
  set: Partial<DutyRow> = {},
  centers?: string[],
): Promise<Duty[]> {
  const rows = await db
    .update(duties)
    .set({ status: to, ...set })
    .where(and(inArray(duties.kind, kinds), eq(duties.status, from), lte(duties[column], now), inCenters(centers)))
    .returning();
  return withTerms(db, rows);
}

/** Open quota duties whose period ended: done when the count is reached, short otherwise. */
export async function closeQuotas(db: Db, now: Date, centers?: string[]): Promise<Duty[]> {
  const rows = await db
    .update(duties)
    .set({ status: sql`case when ${duties.progress} >= coalesce(${duties.target}, 0) then 'done' else 'short' end`, closedAt: now })
    .where(and(eq(duties.kind, 'quota'), eq(duties.status, 'open'), lte(duties.dueAt, now), inCenters(centers)))
    .returning();
  return withTerms(db, rows);
}

/** Open duties of a kind (and of some rules) due in (after, until], oldest first. */
export async function listOpenDuties(
  db: Db,
  after: Date,
  until: Date,
  kinds?: string[],
  centers?: string[],
  ruleIds?: string[],
): Promise<Duty[]> {
  return selectDuties(db)
    .where(
      and(
        eq(duties.status, 'open'),
        gt(duties.dueAt, after),
        lte(duties.dueAt, until),
        kinds ? inArray(duties.kind, kinds) : undefined,
        inCenters(centers),
        ruleIds ? inArray(duties.ruleId, ruleIds) : undefined,
      ),
    )
    .orderBy(asc(duties.dueAt), asc(duties.id));
}

/**
 * Some people's duties touching a day: due that day, quotas whose period contains it, and what is overdue (a scheduler
 * batch's morning cards), in one query; with the batch's centers
 * (which hold all of these people's posts) it reads only their open and overdue duties, not their whole history.
 */
export async function listDutiesForPeopleOnDay(db: Db, personIds: string[], day: string, centers?: string[]): Promise<Duty[]> {
  if (personIds.length === 0) return [];
  return selectDuties(db)
    .where(
      and(
        inArray(duties.personId, personIds),
        inCenters(centers),
        sql`(${duties.dueDay} = ${day} or (${duties.kind} = 'quota' and ${duties.periodStart} <= ${day} and ${duties.periodEnd} >= ${day}) or ${duties.status} = 'overdue')`,
        inArray(duties.status, ['open', 'overdue']),
      ),
    )
    .orderBy(asc(duties.dueAt));
}

/** Open quotas whose period contains a day (pace nudges), of some centers or all. */
export async function listOpenQuotasOn(db: Db, day: string, centers?: string[]): Promise<Duty[]> {
  return selectDuties(db).where(
    and(eq(duties.kind, 'quota'), eq(duties.status, 'open'), lte(duties.periodStart, day), gte(duties.periodEnd, day), inCenters(centers)),
  );
}

/** Deadline duties overdue whose due time is in [after, until] (the late people of recent deadlines, for the digests). */
export async function listOverdueDueBetween(db: Db, after: Date, until: Date): Promise<Duty[]> {
  return selectDuties(db)
    .where(
      and(eq(duties.status, 'overdue'), gte(duties.dueAt, after), lte(duties.dueAt, until), inArray(duties.kind, ['deadline', 'anchored'])),
    )
    .orderBy(asc(duties.dueAt), asc(duties.id));
}

/** How many duties of a rule due at an instant are still open (a digest waits until every batch has moved them). */
export async function countOpenAt(db: Db, ruleId: string, dueAt: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(duties)
    .where(and(eq(duties.ruleId, ruleId), eq(duties.dueAt, dueAt), eq(duties.status, 'open')));
  return row?.n ?? 0;
}

/** What a generator window produces: quotas whose period began by `through`, long deadlines due by `longThrough`, the rest due by `through`. */
function generatedBy(w: { through: string; longThrough: string; longRules: string[] }) {
  const long = w.longRules.length ? sql`when ${inArray(duties.ruleId, w.longRules)} then ${duties.dueDay} <= ${w.longThrough}` : sql``;
  return sql`(case when ${duties.kind} = 'quota' then ${duties.periodStart} <= ${w.through} ${long} else ${duties.dueDay} <= ${w.through} end)`;
}

/** The scheduler's batch filter: the duties of these centers (all when undefined). */
function inCenters(centers?: string[]) {
  return centers ? inArray(duties.centerCode, centers) : undefined;
}

export async function getState<T>(db: Db, name: string): Promise<T | null> {
  const [row] = await db.select().from(schedulerState).where(eq(schedulerState.name, name));
  return (row?.value as T) ?? null;
}

export async function setState(db: Db, name: string, value: unknown, now: Date): Promise<void> {
  await db
    .insert(schedulerState)
    .values({ name, value: value as object, updatedAt: now })
    .onConflictDoUpdate({ target: schedulerState.name, set: { value: value as object, updatedAt: now } });
}
