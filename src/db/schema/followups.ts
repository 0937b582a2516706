// Event-started clocks: complaints to closure (each step with who and when), the other follow-ups, and the ledger they feed.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamptz } from './_helpers.ts';
import { people } from './org.ts';

export const COMPLAINT_STATUSES = ['received', 'planned', 'fixed', 'closed', 'reopened'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const complaints = pgTable(
  'complaints',
  {
    id: serial().primaryKey(),
    centerCode: text().notNull(),
    /** the manager responsible when it was received */
    managerId: text()
      .notNull()
      .references(() => people.id),
    owner: text().notNull(),
    household: text().notNull(),
    channel: text().notNull(),
    what: text().notNull(),
    category: text().notNull(),
    inRemit: boolean().notNull(),
    major: boolean().notNull(),
    status: text().$type<ComplaintStatus>().notNull().default('received'),
    plan: text(),
    milestone: date({ mode: 'string' }),
    receivedAt: timestamptz().notNull(),
    plannedAt: timestamptz(),
    fixedAt: timestamptz(),
    calledBackAt: timestamptz(),
    satisfied: boolean(),
    closedAt: timestamptz(),
    reopenCount: integer().notNull().default(0),
    registeredBy: text()
      .notNull()
      .references(() => people.id),
    nonce: text().notNull(),
  },
  (t) => [uniqueIndex('complaints_nonce_key').on(t.nonce), index('complaints_center_received_idx').on(t.centerCode, t.receivedAt)],
);

/** Every step of a complaint's life, with who and when (the history is the complaint's record). */
export const complaintSteps = pgTable(
  'complaint_steps',
  {
    id: serial().primaryKey(),
    complaintId: integer()
      .notNull()
      .references(() => complaints.id),
    step: text().notNull(), // received | plan | fixed | callback | closed | reopened
    by: text()
      .notNull()
      .references(() => people.id),
    at: timestamptz().notNull(),
    values: jsonb().$type<Record<string, unknown>>(),
    nonce: text().notNull(),
  },
  (t) => [uniqueIndex('complaint_steps_nonce_key').on(t.nonce)],
);

/** The other clocks an event starts: ad-hoc task filing, forum problem list, emergency record, patrol issue, staff opinion. */
export const followups = pgTable(
  'followups',
  {
    id: serial().primaryKey(),
    /** rule|source: one clock per event */
    key: text().notNull(),
    ruleId: text().notNull(),
    centerCode: text().notNull(),
    personId: text()
      .notNull()
      .references(() => people.id),
    subject: text().notNull(),
    startedAt: timestamptz().notNull(),
    dueAt: timestamptz().notNull(),
    status: text().notNull().default('open'), // open | done | late | overdue
    doneAt: timestamptz(),
    /** the record that started it and the one that met it */
    sourceSubmissionId: integer(),
    doneSubmissionId: integer(),
    remindedAt: timestamptz(),
    escalatedAt: timestamptz(),
    note: text(),
  },
  (t) => [
    uniqueIndex('followups_key').on(t.key),
    index('followups_open_due_idx').on(t.dueAt).where(sql`${t.status} in ('open', 'overdue')`),
  ],
);

/**
 * The ledger: append-only yuan and points, each tied to its rule and to the duty or event behind it, with a one-line
 * reason in Chinese. `key` (rule|source|kind) absorbs every repeat. A waiver marks an entry; it never removes it.
 */
export const ledger = pgTable(
  'ledger',
  {
    id: serial().primaryKey(),
    key: text().notNull(),
    ruleId: text().notNull(),
    personId: text()
      .notNull()
      .references(() => people.id),
    centerCode: text().notNull(),
    yuan: numeric({ precision: 10, scale: 2, mode: 'number' }).notNull().default(0),
    points: numeric({ precision: 10, scale: 2, mode: 'number' }).notNull().default(0),
    /** the Shanghai day it counts on (periods roll up by it) */
    day: date({ mode: 'string' }).notNull(),
    reason: text().notNull(),
    sourceType: text().notNull(), // duty | followup | deduction | measure | rollup
    sourceId: text().notNull(),
    createdAt: timestamptz().notNull(),
    waivedAt: timestamptz(),
    waivedBy: text(),
    waiveReason: text(),
  },
  (t) => [uniqueIndex('ledger_key').on(t.key), index('ledger_person_day_idx').on(t.personId, t.day), index('ledger_day_idx').on(t.day)],
);

export type Complaint = typeof complaints.$inferSelect;
export type FollowUpRow = typeof followups.$inferSelect;
export type LedgerEntry = typeof ledger.$inferSelect;
