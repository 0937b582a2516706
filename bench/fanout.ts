// fanout: the 16:15 last call for N managers (only admin.daily_report enabled), then the outbox drained against the rate-limited stand-in.
import { sql } from 'drizzle-orm';
import { readConfig } from '../src/config.ts';
import type { Clock } from '../src/lib/clock.ts';
import { silentLogger } from '../src/lib/logger.ts';
import { startLarkStandin } from '../src/sandbox/lark-standin/index.ts';
import { createService } from '../src/service.ts';
import { runTick } from '../src/scheduler/tick.ts';
import { loadWorkCalendar } from '../src/rules/calendar/index.ts';
import { defaultRulebook, parseRulebookFile } from '../src/rules/rulebook/load-rulebook.ts';
import type { RulesContext } from '../src/rules/rules-context.ts';
import { RateLimiter, LARK_LIMITS } from '../src/lark/rate-limiter.ts';
import {
  APP_ID,
  APP_SECRET,
  ENCRYPT_KEY,
  VERIFICATION_TOKEN,
  generateOrg,
  importGenerated,
  log,
  queryRows,
  sec,
  table,
  throwawayPostgres,
  writeSection,
} from './lib.ts';

export const TICK_AT = new Date('2026-11-26T16:15:00+08:00'); // a Thursday, a workday: the daily report's last call
export const TICK_DAY = '2026-11-26';

/** A rulebook where only admin.daily_report stays enabled. */
export async function dailyReportOnly(): Promise<RulesContext> {
  const ids = defaultRulebook()
    .rules.map((r) => r.id)
    .filter((id) => id !== 'admin.daily_report');
  const book = parseRulebookFile(`rules:\n${ids.map((id) => `  ${id}:\n    enabled: false`).join('\n')}\n`, 'bench-rulebook.yaml');
  return { book, calendar: await loadWorkCalendar(), version: 'bench-daily-only' };
}

/** The shortest span from the first to the last of n sends that Lark's windows allow (50 in any 1 s, 1000 in any 60 s). */
export function floorMs(n: number, perSecond: number, perMinute: number): number {
  const t: number[] = [];
  for (let k = 0; k < n; k++)
    t.push(Math.max(k > 0 ? t[k - 1]! : 0, k >= perSecond ? t[k - perSecond]! + 1000 : 0, k >= perMinute ? t[k - perMinute]! + 60_000 : 0));
  return t.at(-1) ?? 0;
}

async function one(managers: number, perMinute: number) {
  const pgdb = await throwawayPostgres();
  const standin = await startLarkStandin({
    appId: APP_ID,
    appSecret: APP_SECRET,
    verificationToken: VERIFICATION_TOKEN,
    encryptKey: ENCRYPT_KEY,
    rateLimit: { appPerSecond: 50, appPerMinute: perMinute },
  });
  let service: Awaited<ReturnType<typeof createService>> | undefined;
  try {
    const org = generateOrg(managers, { since: TICK_DAY });
    const ti = performance.now();
    await importGenerated(pgdb.database, org, TICK_DAY);
    const importMs = performance.now() - ti;
    for (const p of org.people) standin.addUser({ openId: p.open_id!, name: p.name });
    const rules = await dailyReportOnly();
    // the service's clock runs from the tick's instant at real speed (leases and retry backoffs stay meaningful)
    const p0 = performance.now();
    const clock: Clock = { now: () => new Date(TICK_AT.getTime() + (performance.now() - p0)) };
    service = await createService({
      config: readConfig({
        LARK_APP_ID: APP_ID,
        LARK_APP_SECRET: APP_SECRET,
        LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
        LARK_ENCRYPT_KEY: ENCRYPT_KEY,
        LARK_DOMAIN: standin.url,
      }),
      database: pgdb.database,
      clock,
      log: silentLogger,
      scheduler: false,
      rules,
      limiter: new RateLimiter({ ...LARK_LIMITS, appPerMinute: perMinute }),
    });
    const t0 = performance.now();
    const report = await runTick({ db: pgdb.database.db, rules, log: silentLogger }, clock.now());
    const t1 = performance.now();
    const drained = await service.sender!.drain(100_000);
    const t2 = performance.now();
    const sends = standin.requests().filter((r) => r.method === 'POST' && r.path.startsWith('/open-apis/im/v1/messages') && r.at >= t0);
    const accepted = sends.filter((r) => r.status === 200);
    const firstAt = Math.min(...accepted.map((r) => r.at));
    const lastAt = Math.max(...accepted.map((r) => r.at));
    const msgs = standin.messages();
    const uuids = new Set(msgs.map((m) => m.uuid));
    const outboxRows = await queryRows(pgdb.database.db, sql`select status, count(*)::int as n from outbox group by status`);
    const perManager = new Map<string, number>();
    for (const m of msgs) if (m.receiveId?.startsWith('ou_m')) perManager.set(m.receiveId, (perManager.get(m.receiveId) ?? 0) + 1);
    const lastCalls = report.enqueued.filter((e) => /last|remind/i.test(`${e.name} ${e.title}`)).length;
    const kinds = new Map<string, number>();
    for (const e of report.enqueued) kinds.set(e.title, (kinds.get(e.title) ?? 0) + 1);
    const floor = floorMs(msgs.length, 50, perMinute);
    const r = {
      managers,
      perMinute,
      importMs,
      tickMs: t1 - t0,
      enqueued: report.enqueued.length,
      kinds: [...kinds].map(([k, n]) => `${k} ×${n}`).join(', '),
      created: report.materialized?.created ?? 0,
      sent: drained.sent,
      retried: drained.retried,
      failed: drained.failed,
      messages: msgs.length,
      uniqueUuids: uuids.size,
      managersReached: perManager.size,
      maxPerManager: Math.max(0, ...perManager.values()),
      non200: sends.length - accepted.length,
      tickToLastMs: lastAt - t0,
      firstToLastMs: lastAt - firstAt,
      drainMs: t2 - t1,
      floorMs: floor,
      outbox: outboxRows.map((o) => `${o.status} ${o.n}`).join(', '),
      lastCalls,
    };
    log('fanout', JSON.stringify(r));
    return r;
  } finally {
    await service?.close().catch(() => {});
    await standin.close();
    await pgdb.drop();
  }
}

export async function benchFanout(): Promise<void> {
  const plan: [number, number][] = (process.env.BENCH_FANOUT ?? '1000:1000,3000:3000')
    .split(',')
    .map((s) => s.split(':').map(Number) as [number, number]);
  const results = [];
  for (const [n, perMin] of plan) results.push(await one(n, perMin));
  const md = `## fanout — the 16:15 last call to N managers, drained through the outbox against the stand-in's limits

Org of N centers (one manager each, \`since\` = the day), rulebook override leaving only \`admin.daily_report\` enabled,
\`runTick\` at ${TICK_AT.toISOString()} (16:15 Shanghai, a Thursday), then \`OutboxSender.drain()\` (concurrency 10, the
service's \`LarkClient\` with \`RateLimiter\`) against the stand-in enforcing 50/s and the per-minute limit shown (the client limiter
set to the same per-minute value; \`LARK_LIMITS\` otherwise: 50/s, 5/s per target, 40 ms margin). Floor = the shortest
first-to-last span Lark's windows allow for that many messages (50 in any 1 s, the per-minute limit in any 60 s).

${table(
  [
    'managers',
    'limit/min',
    'tick (ms)',
    'enqueued',
    'what',
    'messages',
    'unique uuids',
    'managers reached (max each)',
    'non-200',
    'tick → last accepted (s)',
    'first → last (s)',
    'floor (s)',
    'ratio to floor',
  ],
  results.map((r) => [
    r.managers,
    r.perMinute,
    r.tickMs.toFixed(0),
    r.enqueued,
    r.kinds,
    r.messages,
    r.uniqueUuids,
    `${r.managersReached} (${r.maxPerManager})`,
    r.non200,
    sec(r.tickToLastMs),
    sec(r.firstToLastMs),
    sec(r.floorMs),
    (r.tickToLastMs / r.floorMs).toFixed(3),
  ]),
)}

${results.map((r) => `- ${r.managers} managers: ${r.sent} sent, ${r.retried} retried, ${r.failed} failed; outbox ${r.outbox}; duties created by the pass ${r.created}; org import ${sec(r.importMs)} s. ${r.messages === r.uniqueUuids && r.managersReached === r.managers && r.maxPerManager === 1 && r.failed === 0 ? '**zero duplicates, zero misses**' : '**duplicates or misses — see counts**'}.`).join('\n')}
- At Lark's real limits (1000/min), 10,000 managers need at least ${sec(floorMs(10_000, 50, 1000))} s (≈ ${(floorMs(10_000, 50, 1000) / 60000).toFixed(1)} min) from first to last message: that is Lark's limit, not Steward's; the ratios above show how close the sender stays to it.
`;
  writeSection('fanout', md);
  log(md);
}
