// The organisation: the company, its people, departments, centers, who holds which role where (with history), chats.
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps, timestamptz } from './_helpers.ts';

/** One row: the company this deployment serves (id is always 1). */
export const company = pgTable(
  'company',
  {
    id: integer().primaryKey().default(1),
    name: text().notNull(),
    announcementsChat: text(),
    ...timestamps,
  },
  (t) => [check('company_single_row', sql`${t.id} = 1`)],
);

export const people = pgTable(
  'people',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    openId: text(),
    email: text(),
    mobile: text(),
    roles: text().array().notNull().default(sql`'{}'::text[]`),
    since: date({ mode: 'string' }).notNull(),
    /** newly appointed as a manager on this day: the onboarding rules apply for the first month */
    appointed: date({ mode: 'string' }),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('people_open_id_key').on(t.openId)],
);

/** Membership of the company's departments (quality_center, admin, customer_service). */
export const departmentMembers = pgTable(
  'department_members',
  {
    department: text().notNull(),
    personId: text()
      .notNull()
      .references(() => people.id),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [primaryKey({ name: 'department_members_pkey', columns: [t.department, t.personId] })],
);

export const centers = pgTable('centers', {
  code: text().primaryKey(),
  name: text().notNull(),
  headcount: integer().notNull(),
  households: integer().notNull(),
  posts: jsonb().$type<string[]>().notNull().default([]),
  chat: text(),
  active: boolean().notNull().default(true),
  ...timestamps,
});

/**
 * Who holds which role at which center, over time: [validFrom, validTo) in Shanghai days.
 * A change closes the old row and opens a new one, so history is never rewritten.
 */
export const centerRoles = pgTable(
  'center_roles',
  {
    id: serial().primaryKey(),
    centerCode: text()
      .notNull()
      .references(() => centers.code),
    role: text().notNull(),
    personId: text()
      .notNull()
      .references(() => people.id),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    check('center_roles_role_check', sql`${t.role} in ('manager', 'supervisor', 'leader')`),
    check('center_roles_range_check', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    // at most one open assignment of a role to a person at a center
    uniqueIndex('center_roles_open_key').on(t.centerCode, t.role, t.personId).where(sql`${t.validTo} is null`),
    index('center_roles_person_idx').on(t.personId),
  ],
);

/** Chats the bot knows: the announcements group, centers' groups, and groups it was added to. */
export const chats = pgTable('chats', {
  chatId: text().primaryKey(),
  name: text(),
  purpose: text().notNull().default('other'),
  botMember: boolean().notNull().default(false),
  ...timestamps,
});

/** Every org import, with what it changed: the audit trail of the org file. */
export const orgImports = pgTable('org_imports', {
  id: serial().primaryKey(),
  source: text().notNull(),
  sha256: text().notNull(),
  effectiveDay: date({ mode: 'string' }).notNull(),
  summary: jsonb().$type<Record<string, number>>().notNull(),
  importedAt: timestamptz().notNull().defaultNow(),
});

export type Person = typeof people.$inferSelect;
export type NewPerson = typeof people.$inferInsert;
export type Center = typeof centers.$inferSelect;
export type CenterRole = typeof centerRoles.$inferSelect;
