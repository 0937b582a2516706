// Each person's own settings, changed through the 设置 card (e.g. the time of the morning card).
import { pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './_helpers.ts';
import { people } from './org.ts';

export const personSettings = pgTable('person_settings', {
  personId: text()
    .primaryKey()
    .references(() => people.id),
  morningTime: text().notNull().default('08:30'),
  updatedAt: timestamptz().notNull(),
  updatedVia: text(), // the card message the change came from
});

export type PersonSettings = typeof personSettings.$inferSelect;
