// What two instances sharing a pass must leave behind: every batch run once, and the same duties and messages, each once, as one instance alone makes.
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { duties, outbox } from '../../src/db/schema/index.ts';
import type { TickReport } from '../../src/scheduler/tick.ts';

const count = async (d: Database, q: ReturnType<typeof sql>) =>
  Number(((await d.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0]!.n);
const keys = async (d: Database, table: typeof duties | typeof outbox) =>
  (await d.db.select({ key: table.key }).from(table).orderBy(table.key)).map((r) => r.key);

/** `shared` after the two instances' `reports`, `alone` after one instance's `one` (the same company, day and time). */
export async function expectSameAsOneInstance(
  shared: Database,
  reports: TickReport[],
  alone: Database,
  one: TickReport,
  morningCards: number,
): Promise<void> {
  const [a, b] = reports.map((r) => r.batches);
  expect(a!.failed + b!.failed).toBe(0);
  expect(a!.ran + b!.ran).toBe(a!.total); // each batch done by exactly one of them
  expect(a!.ran).toBeGreaterThan(0);
  expect(b!.ran).toBeGreaterThan(0);
  expect(reports.reduce((n, r) => n + (r.materialized?.created ?? 0), 0)).toBe(one.materialized?.created ?? 0);
  expect(reports.flatMap((r) => r.enqueued).length).toBe(one.enqueued.length);

  // every duty once: the same keys as one instance stored, none twice
  expect(await count(shared, sql`select count(*)::int as n from (select key from duties group by key having count(*) > 1) t`)).toBe(0);
  expect(await keys(shared, duties)).toEqual(await keys(alone, duties));
  expect(await keys(shared, outbox)).toEqual(await keys(alone, outbox));

  // every message once per person and kind (morning card, catch-up) and per person and duty (notices)
  expect(
    await count(
      shared,
      sql`select count(*)::int as n from (select target from outbox group by target, split_part(key, ':', 1), source having count(*) > 1) t`,
    ),
  ).toBe(0);
  expect(await count(shared, sql`select count(*)::int as n from outbox where key like 'morning:%'`)).toBe(morningCards); // every manager and supervisor, once
}
