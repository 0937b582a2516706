// Outbox depth and age at scrape time: one grouped query over the unsent rows (the partial index), bounded in time.
//
// A slow or unreachable database never fails the scrape: after `timeoutMs` (and server-side, statement_timeout at twice that) the
// gauges keep the numbers of the last successful read, steward_outbox_stats_ok drops to 0 and the failure is counted.
// Only one read runs at a time; a scrape that arrives while one is still running waits on that one.
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { outbox } from '../db/schema/index.ts';
import { OUTBOX_KINDS, type Metrics } from './registry.ts';

interface OutboxStat {
  kind: string;
  unsent: number;
  due: number;
  /** seconds since the oldest due unsent row was enqueued, 0 when none is due */
  oldestDueAgeSeconds: number;
}

/** Unsent rows by kind (pending or sending), how many are due at `now`, and the age of the oldest due one. */
async function readOutboxStats(db: Db, now: Date, statementTimeoutMs: number): Promise<OutboxStat[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const isDue = sql`${outbox.nextAttemptAt} <= ${at}`;
  return db.transaction(async (tx) => {
    // the server gives up too, so a stuck read does not hold a connection after the scrape moved on
    await tx.execute(sql.raw(`set local statement_timeout = ${Math.max(1, Math.round(statementTimeoutMs))}`));
    const rows = await tx
      .select({
        kind: outbox.kind,
        unsent: sql<number>`count(*)::int`,
        due: sql<number>`(count(*) filter (where ${isDue}))::int`,
        oldest: sql<number | null>`extract(epoch from ${at} - min(${outbox.createdAt}) filter (where ${isDue}))::float8`,
      })
      .from(outbox)
      .where(inArray(outbox.status, ['pending', 'sending']))
      .groupBy(outbox.kind);
    return rows.map((r) => ({
      kind: r.kind,
      unsent: Number(r.unsent),
      due: Number(r.due),
      oldestDueAgeSeconds: Math.max(0, Number(r.oldest ?? 0)),
    }));
  });
}

/** Sets the outbox gauges from one read; keeps the previous numbers when the read fails or takes longer than timeoutMs. */
export function outboxGauges(m: Metrics, db: Db, timeoutMs: number): (now: Date) => Promise<boolean> {
  let inFlight: Promise<OutboxStat[]> | undefined;
  return async (now) => {
    // the server's limit is longer than the scrape's wait: the scrape gives up first, the server then frees the connection
    inFlight ??= readOutboxStats(db, now, 2 * timeoutMs).finally(() => {
      inFlight = undefined;
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const stats = await Promise.race([inFlight, timedOut]);
      if (stats === 'timeout') {
        m.outboxStatsFailures.inc({ reason: 'timeout' });
        m.outboxStatsOk.set(0);
        return false;
      }
      for (const kind of new Set<string>([...OUTBOX_KINDS, ...stats.map((s) => s.kind)])) {
        const s = stats.find((x) => x.kind === kind);
        m.outboxUnsent.set({ kind, due: 'true' }, s?.due ?? 0);
        m.outboxUnsent.set({ kind, due: 'false' }, (s?.unsent ?? 0) - (s?.due ?? 0));
        m.outboxOldestAge.set({ kind }, s?.oldestDueAgeSeconds ?? 0);
      }
      m.outboxStatsOk.set(1);
      return true;
    } catch {
      m.outboxStatsFailures.inc({ reason: 'error' });
      m.outboxStatsOk.set(0);
      return false;
    } finally {
      clearTimeout(timer);
    }
  };
}
