// Duties: what each person owes, one row per rule × person × center × period, with its due time, status and the rule version it was created under.
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamptz } from './_helpers.ts';
import { people } from './org.ts';

export const DUTY_STATUSES = ['open', 'done', 'overdue', 'late', 'missed', 'short', 'suspended', 'cancelled', 'waived'] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];

/** Each distinct text of a rule, stored once (keyed by a hash of its terms); duties point at the version they were created under. */
export const ruleVersions = pgTable('rule_versions', {
  id: serial().primaryKey(),
  ruleId: text().notNull(),
  /** sha256 of the terms as canonical JSON (keys sorted) */
  hash: text().notNull().unique('rule_versions_hash'),
  terms: jsonb().notNull(),
  createdAt: timestamptz().notNull(),
});

export const duties = pgTable(
  'duties',
  {
    id: serial().primaryKey(),
    /** rule|person|center|period, computed by PostgreSQL from the four columns below (the unique index is on those columns, not on this text) */
    key: text().notNull().generatedAlwaysAs(sql`rule_id || '|' || person_id || '|' || center_code || '|' || period_key`),
    ruleId: text().notNull(),
    kind: text().notNull(),
    /** people.id; no foreign key: a duty's checks per row cost more than its write, and people are never deleted (only deactivated) */
    personId: text().notNull(),
    centerCode: text().notNull(),
    periodKey: text().notNull(),
    periodStart: date({ mode: 'string' }).notNull(),
    periodEnd: date({ mode: 'string' }).notNull(),
    /** the Shanghai day it is due (after the rest-day shift) and the exact instant */
    dueDay: date({ mode: 'string' }).notNull(),
    dueAt: timestamptz().notNull(),
    /** after this a deadline not met counts as missing (not just late) */
    closesAt: timestamptz().notNull(),
    /** quotas: how many records the period needs, and how many there are */
    target: integer(),
    progress: integer().notNull().default(0),
    status: text().$type<DutyStatus>().notNull().default('open'),
    /** why suspended or cancelled ("请假 2026-12-01—2026-12-03") */
    statusNote: text(),
    /** the rule as it was when the duty was created (its terms live in rule_versions): changing the rulebook never rewrites the past */
    /** rule_versions.id (append-only, never deleted: no foreign key, for the same reason as person_id) */
    ruleVersionId: integer().notNull(),
    createdAt: timestamptz().notNull(),
    overdueAt: timestamptz(),
    doneAt: timestamptz(),
    closedAt: timestamptz(),
  },
  (t) => [
    // one duty per rule × person × period × center: absorbs every repeat of the scheduler (several instances, restarts);
    // person first, so it also finds a person's duties (a person has a few hundred; sorting them by due time is cheap)
    uniqueIndex('duties_identity').on(t.personId, t.ruleId, t.periodKey, t.centerCode),
    index('duties_open_due_idx').on(t.dueAt).where(sql`${t.status} in ('open', 'overdue')`),
    // a scheduler batch's share of the open and overdue duties (its centers), and of the overdue ones closing
    index('duties_center_open_idx').on(t.centerCode, t.dueAt).where(sql`${t.status} in ('open', 'overdue')`),
    index('duties_center_overdue_closes_idx').on(t.centerCode, t.closesAt).where(sql`${t.status} = 'overdue'`),
  ],
);

/** Leave (请假) suspends the duties that fall in it; from the org file or entered in chat by a leader or admin. */
export const leaves = pgTable(
  'leaves',
  {
    id: serial().primaryKey(),
    personId: text()
      .notNull()
      .references(() => people.id),
    fromDay: date({ mode: 'string' }).notNull(),
    toDay: date({ mode: 'string' }).notNull(),
    reason: text(),
    source: text().notNull(), // org_file | chat
    createdBy: text(),
    createdAt: timestamptz().notNull(),
    cancelledAt: timestamptz(),
  },
  (t) => [uniqueIndex('leaves_key').on(t.personId, t.fromDay, t.toDay, t.source)],
);

/** Small facts the scheduler keeps between ticks (e.g. the last day duties were materialised). */
export const schedulerState = pgTable('scheduler_state', {
  name: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamptz().notNull(),
});

/** A duty as stored (no terms: those are in rule_versions). */
export type DutyRow = typeof duties.$inferSelect;
/** A duty with its rule's terms as they were when it was created (read through rule_versions). */
export type Duty = DutyRow & { terms: unknown };
export type NewDuty = typeof duties.$inferInsert;
export type RuleVersion = typeof ruleVersions.$inferSelect;
export type Leave = typeof leaves.$inferSelect;
