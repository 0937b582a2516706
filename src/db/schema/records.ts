// Records filed through forms (every version kept), the duties each counts towards, and the photos attached to them.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamptz } from './_helpers.ts';
import { duties } from './duties.ts';
import { people } from './org.ts';

export const submissions = pgTable(
  'submissions',
  {
    id: serial().primaryKey(),
    formId: text().notNull(),
    /** whose record it is (the duty's owner), and who filed it (the owner, their leader or an admin) */
    personId: text()
      .notNull()
      .references(() => people.id),
    filedBy: text()
      .notNull()
      .references(() => people.id),
    centerCode: text().notNull(),
    /** the deadline duty it meets, when it meets one */
    dutyId: integer().references(() => duties.id),
    values: jsonb().$type<Record<string, unknown>>().notNull(),
    filedAt: timestamptz().notNull(),
    /** deadline records: on time or late, and by how much */
    onTime: boolean(),
    lateByMs: bigint({ mode: 'number' }),
    /** an edit is a new version; the old one stays, marked superseded */
    version: integer().notNull().default(1),
    supersedesId: integer(),
    supersededAt: timestamptz(),
    /** the card (message) and the one-time nonce of the form it came from: a double submit stores one record */
    sourceMessageId: text(),
    nonce: text().notNull(),
  },
  (t) => [
    /** one record per form card and person: the same card submitted twice stores one (another person's nonce never matches) */
    uniqueIndex('submissions_nonce_key').on(t.formId, t.personId, t.nonce),
    index('submissions_person_idx').on(t.personId, t.filedAt),
    /** a duty has at most one live (not superseded) record: a later filing supersedes it or is refused */
    uniqueIndex('submissions_live_duty_key').on(t.dutyId).where(sql`${t.supersededAt} is null`),
  ],
);

/** Which duties a record counts towards (a visit counts for the onboarding day, week and month at once). */
export const submissionDuties = pgTable(
  'submission_duties',
  {
    submissionId: integer()
      .notNull()
      .references(() => submissions.id),
    dutyId: integer()
      .notNull()
      .references(() => duties.id),
  },
  (t) => [
    primaryKey({ name: 'submission_duties_pkey', columns: [t.submissionId, t.dutyId] }),
    index('submission_duties_duty_idx').on(t.dutyId),
  ],
);

/** Photos sent as evidence within 10 minutes of a record: the image keys, fetched through Lark's resource API on request. */
export const attachments = pgTable(
  'attachments',
  {
    id: serial().primaryKey(),
    submissionId: integer()
      .notNull()
      .references(() => submissions.id),
    messageId: text().notNull(),
    imageKey: text().notNull(),
    receivedAt: timestamptz().notNull(),
  },
  (t) => [uniqueIndex('attachments_key').on(t.messageId, t.imageKey)],
);

/** Assessment points recorded by the quality center (repeat problems, guards asleep, absences) and red lines. */
export const deductions = pgTable('deductions', {
  id: serial().primaryKey(),
  ruleId: text().notNull(),
  centerCode: text().notNull(),
  /** the manager jointly liable */
  personId: text()
    .notNull()
    .references(() => people.id),
  count: integer().notNull().default(1),
  points: integer().notNull(),
  note: text(),
  day: text().notNull(),
  recordedBy: text()
    .notNull()
    .references(() => people.id),
  recordedAt: timestamptz().notNull(),
  nonce: text().notNull().unique(),
  /** a red line stays on every score until resolved, by a leader or an admin, with a note */
  resolvedAt: timestamptz(),
  resolvedBy: text(),
  resolveNote: text(),
});

export type Submission = typeof submissions.$inferSelect;
export type Deduction = typeof deductions.$inferSelect;
