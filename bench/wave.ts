// wave: 10,000 managers' 15:30 daily-report cards enqueued by the pass at 15:15, sent against the stand-in at Lark's real 50/s and 1000/min.
import { sql } from 'drizzle-orm';
import { readConfig } from '../src/config.ts';
import type { Clock } from '../src/lib/clock.ts';
import { silentLogger } from '../src/lib/logger.ts';
import { LARK_LIMITS, RateLimiter } from '../src/lark/rate-limiter.ts';
import { StandinProcess } from './standin-child.ts';
import { runTick } from '../src/scheduler/tick.ts';
import { WAVE_GUARD_MS, WAVE_WINDOW_MS } from '../src/scheduler/waves.ts';
import { createService } from '../src/service.ts';
import { dailyReportOnly, floorMs } from './fanout.ts';
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

const DAY = '2026-11-26'; // a Thursday, a workday
const NOMINAL = new Date(`${DAY}T15:30:00+08:00`); // the daily report's card
const EARLIER_PASS = new Date(`${DAY}T15:00:00+08:00`); // materialises the duties; nothing of the wave yet
const WAVE_PASS = new Date(`${DAY}T15:15:00+08:00`); // enqueues the wave (15 min ahead)
const WINDOW_FROM = new Date(NOMINAL.getTime() - WAVE_WINDOW_MS);
/** The sender gives up this long after the nominal time (a bounded loop): what is still unsent is a miss. */
const GIVE_UP_MS = 3 * 60_000;

const hhmmss = (at: number) => new Date(at + 8 * 3600_000).toISOString().slice(11, 21);

export async function benchWave(): Promise<void> {
  const managers = Number(process.env.BENCH_WAVE ?? 10_000);
  const pgdb = await throwawayPostgres();
  // the stand-in runs in its own process, as Lark is remote: in this one it took CPU from the sender and slowed the wave
  const standin = await StandinProcess.start({
    appId: APP_ID,
    appSecret: APP_SECRET,
    verificationToken: VERIFICATION_TOKEN,
    encryptKey: ENCRYPT_KEY,
    rateLimit: { appPerSecond: 50, appPerMinute: 1000 },
  });
  let service: Awaited<ReturnType<typeof createService>> | undefined;
  try {
    const org = generateOrg(managers, { since: DAY });
    await importGenerated(pgdb.database, org, DAY);
    await standin.addUsers(org.people.map((p) => ({ openId: p.open_id!, name: p.name })));
    const rules = await dailyReportOnly();
    const deps = { db: pgdb.database.db, rules, log: silentLogger };

    // scheduler time is fake: the 15:00 pass materialises the duties, the 15:15 pass enqueues the wave
    await runTick(deps, EARLIER_PASS);
    await pgdb.database.db.execute(sql`delete from outbox`); // only the wave is measured
    const tp = performance.now();
    const pass = await runTick(deps, WAVE_PASS);
    const passMs = performance.now() - tp;
    await pgdb.database.db.execute(sql`delete from outbox where key not like 'remind:%'`); // e.g. the admins' missing-calendar notice
    const wave = pass.enqueued.filter((e) => e.key.startsWith('remind:'));
    const [due] = await queryRows<{ first: string | Date; last: string | Date }>(
      pgdb.database.db,
      sql`select min(next_attempt_at) as first, max(next_attempt_at) as last from outbox where key like 'remind:%'`,
    );

    // sender time is real: it runs from 15:20:00 (the window's start) at real speed, so Lark's limits are real too
    const p0 = performance.now();
    const clock: Clock = { now: () => new Date(WINDOW_FROM.getTime() + (performance.now() - p0)) };
    const fake = (epochAt: number) => WINDOW_FROM.getTime() + (epochAt - (performance.timeOrigin + p0));
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
      limiter: new RateLimiter(LARK_LIMITS),
    });
    service.sender!.start();
    const giveUp = NOMINAL.getTime() + GIVE_UP_MS;
    for (;;) {
      await new Promise((r) => setTimeout(r, 2000));
      const [left] = await queryRows(pgdb.database.db, sql`select count(*)::int as n from outbox where status in ('pending', 'sending')`);
      if (left.n === 0 || clock.now().getTime() > giveUp) break;
    }
    await service.sender!.stop();

    const dump = await standin.dump();
    const sends = dump.requests.filter(
      (r) => r.method === 'POST' && r.path.startsWith('/open-apis/im/v1/messages') && r.at >= performance.timeOrigin + p0,
    );
    const accepted = sends.filter((r) => r.status === 200).map((r) => fake(r.at));
    const msgs = dump.messages;
    const perManager = new Map<string, number>();
    for (const m of msgs) if (m.receiveId?.startsWith('ou_m')) perManager.set(m.receiveId, (perManager.get(m.receiveId) ?? 0) + 1);
    const sorted = [...accepted].sort((a, b) => a - b);
    // where the time goes: each thousand's first and last arrival (Lark's minute window holds a thousand)
    const thousands = Array.from(
      { length: Math.ceil(sorted.length / 1000) },
      (_, i) => `${i + 1}: ${hhmmss(sorted[i * 1000]!)}–${hhmmss(sorted[Math.min(sorted.length, (i + 1) * 1000) - 1]!)}`,
    );
    log('wave thousands', thousands.join(' | '));
    const buckets = new Map<number, number>();
    for (const t of sorted)
      buckets.set(
        Math.floor((t - WINDOW_FROM.getTime()) / 5000) * 5,
        (buckets.get(Math.floor((t - WINDOW_FROM.getTime()) / 5000) * 5) ?? 0) + 1,
      );
    log('wave per 5 s', [...buckets].map(([k, v]) => `${k}s:${v}`).join(' '));
    const inside = accepted.filter((t) => t >= WINDOW_FROM.getTime() && t < NOMINAL.getTime()).length;
    const outboxRows = await queryRows(pgdb.database.db, sql`select status, count(*)::int as n from outbox group by status`);
    const r = {
      managers,
      passMs,
      enqueued: wave.length,
      dueFirst: new Date(due.first).getTime(),
      dueLast: new Date(due.last).getTime(),
      first: Math.min(...accepted),
      last: Math.max(...accepted),
      inside,
      share: accepted.length ? inside / managers : 0,
      messages: msgs.length,
      duplicates: msgs.length - perManager.size, // messages beyond one per manager reached (a re-send with the same uuid is one message)
      misses: managers - perManager.size,
      r429: sends.filter((s) => s.status === 429).length,
      r429at: sends.filter((s) => s.status === 429).map((s) => hhmmss(fake(s.at))),
      other: sends.filter((s) => s.status !== 200 && s.status !== 429).length,
      outbox: outboxRows.map((o) => `${o.status} ${o.n}`).join(', '),
    };
    log('wave', JSON.stringify(r));
    const floor = floorMs(managers, 50, 1000);
    const md = `## wave — ${managers.toLocaleString('en')} managers' 15:30 cards, arriving in the ten minutes before 15:30

Org of ${managers} centers (one manager each), only \`admin.daily_report\` enabled (its card at 15:30, ${DAY}, a Thursday).
Scheduler time is fake: a pass at 15:00 materialises the duties, the pass at 15:15 enqueues the wave (each card's
\`notBefore\` = its rank in the wave paced at 1000/min from 15:20, inside each minute at twice 50/s, \`src/scheduler/waves.ts\`). Sender
time is real from 15:20:00: the service's \`OutboxSender\` (started loop, concurrency 10, \`RateLimiter(LARK_LIMITS)\`) against the
stand-in (a process of its own, as Lark is remote) enforcing Lark's real limits, 50 in any second and 1000 in any minute for the app. Arrival = the stand-in accepted the
send (HTTP 200), mapped to scheduler time. The window is [15:20:00, 15:30:00); the sender gives up at 15:33 (a miss).

${table(
  [
    'managers',
    'pass at 15:15 (s)',
    'enqueued',
    'due from → to',
    'first → last arrival',
    'first → last (s)',
    'floor (s)',
    'inside window',
    'duplicates',
    'misses',
    '429s',
    'other errors',
  ],
  [
    [
      managers,
      sec(r.passMs),
      r.enqueued,
      `${hhmmss(r.dueFirst)} → ${hhmmss(r.dueLast)}`,
      `${hhmmss(r.first)} → ${hhmmss(r.last)}`,
      sec(r.last - r.first),
      sec(floor),
      `${r.inside} (${(r.share * 100).toFixed(2)} %)`,
      r.duplicates,
      r.misses,
      r.r429,
      r.other,
    ],
  ],
)}

- Outbox at the end: ${r.outbox}. ${r.share === 1 && r.duplicates === 0 && r.misses === 0 ? '**Every card arrived once, inside its window.**' : '**Not every card arrived once inside its window — see the counts.**'}
- Floor = the shortest first-to-last span Lark's windows allow for that many messages; the last card is due
  ${WAVE_GUARD_MS / 1000} s before 15:30 at the latest, and a wave larger than the window holds (~10,700 cards) is squeezed into it and its
  tail arrives late (still sent: late is better than never).
${process.env.BENCH_SHARED ? "- The machine was shared with other engineers' test runs while this ran.\n" : ''}`;
    writeSection('wave', md);
    log(md);
  } finally {
    await service?.close().catch(() => {});
    await standin.close();
    await pgdb.drop();
  }
}
