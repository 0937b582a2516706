// webhook: signed, encrypted settings.save card callbacks against the real service on PostgreSQL, the least a submit must do, and a bare Fastify route.
import Fastify from 'fastify';
import pg from 'pg';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.ts';
import { readConfig } from '../src/config.ts';
import { decryptPayload, signatureMatches } from '../src/lark/crypto.ts';
import { systemClock } from '../src/lib/clock.ts';
import { silentLogger } from '../src/lib/logger.ts';
import { startLarkStandin } from '../src/sandbox/lark-standin/index.ts';
import { createService } from '../src/service.ts';
import { LoadGenerator } from './loadgen-client.ts';
import type { LoadJob, LoadResult } from './loadgen.ts';
import {
  APP_ID,
  APP_SECRET,
  ENCRYPT_KEY,
  VERIFICATION_TOKEN,
  generateOrg,
  importGenerated,
  log,
  queryRows,
  ms,
  table,
  throwawayPostgres,
  writeSection,
} from './lib.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SWEEP = (process.env.BENCH_SWEEP ?? '16,64,128').split(',').map(Number);
const PEOPLE = 200;
const TARGET_RATE = 500;

const count = async (db: Db, q: SQL) => Number((await queryRows(db, q))[0]?.n);

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The least a submit must do: verify the signature over the raw body, decrypt, parse, one
 * `insert … on conflict do nothing` (its own pool of the service's size, synchronous_commit on), answer a toast.
 */
async function minimalSubmit(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query(
    'create table if not exists bench_minimal_clicks (event_id text primary key, open_id text not null, received_at timestamptz not null default now())',
  );
  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post('/lark/webhook', async (req, reply) => {
    const raw = req.body as Buffer;
    const sig = {
      timestamp: header(req.headers['x-lark-request-timestamp']),
      nonce: header(req.headers['x-lark-request-nonce']),
      signature: header(req.headers['x-lark-signature']),
    };
    if (!signatureMatches(sig, ENCRYPT_KEY, raw)) return reply.code(401).send({ error: 'signature' });
    const plain = JSON.parse(decryptPayload(ENCRYPT_KEY, (JSON.parse(raw.toString('utf8')) as { encrypt: string }).encrypt)) as {
      header: { event_id: string };
      event: { operator: { open_id: string } };
    };
    await pool.query('insert into bench_minimal_clicks (event_id, open_id) values ($1, $2) on conflict do nothing', [
      plain.header.event_id,
      plain.event.operator.open_id,
    ]);
    return { toast: { type: 'success', content: '已保存' } };
  });
  return {
    app,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

export async function benchWebhook(): Promise<void> {
  const pgdb = await throwawayPostgres();
  const minimal = await minimalSubmit(pgdb.url);
  const standin = await startLarkStandin({
    appId: APP_ID,
    appSecret: APP_SECRET,
    verificationToken: VERIFICATION_TOKEN,
    encryptKey: ENCRYPT_KEY,
  });
  const gen = await LoadGenerator.start();
  const bare = Fastify({ logger: false });
  bare.post('/lark/webhook', async () => ({}));
  let service: Awaited<ReturnType<typeof createService>> | undefined;
  try {
    const org = generateOrg(PEOPLE);
    await importGenerated(pgdb.database, org, '2026-11-01');
    const people = org.people.filter((p) => p.roles[0] === 'manager').map((p) => ({ id: p.id, openId: p.open_id! }));
    service = await createService({
      config: readConfig({
        LARK_APP_ID: APP_ID,
        LARK_APP_SECRET: APP_SECRET,
        LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
        LARK_ENCRYPT_KEY: ENCRYPT_KEY,
        LARK_DOMAIN: standin.url,
      }),
      database: pgdb.database,
      clock: systemClock,
      log: silentLogger,
      scheduler: false,
    });
    service.start();
    const serviceUrl = `${await service.app.listen({ host: '127.0.0.1', port: 0 })}/lark/webhook`;
    const bareUrl = `${await bare.listen({ host: '127.0.0.1', port: 0 })}/lark/webhook`;
    const minimalUrl = `${await minimal.app.listen({ host: '127.0.0.1', port: 0 })}/lark/webhook`;

    let phase = 0;
    const job = (url: string, o: Partial<LoadJob>): LoadJob => ({
      url,
      mode: 'closed',
      concurrency: 64,
      durationMs: SECONDS * 1000,
      people,
      tag: `b${phase++}`,
      encryptKey: ENCRYPT_KEY,
      token: VERIFICATION_TOKEN,
      appId: APP_ID,
      prebuild: 20_000,
      ...o,
    });
    const serviceRuns: LoadResult[] = [];
    const run = async (url: string, o: Partial<LoadJob>, onService: boolean) => {
      const r = await gen.run(job(url, o));
      if (onService) serviceRuns.push(r);
      log(
        `webhook ${onService ? 'service' : url === minimalUrl ? 'minimal' : 'bare'} ${r.mode} c=${r.concurrency}${r.rate ? ` rate=${r.rate}` : ''}: ${r.rps.toFixed(0)}/s p50 ${ms(r.p50)} p99 ${ms(r.p99)} statuses ${JSON.stringify(r.statuses)} errors ${r.errors} dropped ${r.dropped}`,
      );
      return r;
    };

    await run(serviceUrl, { concurrency: 16, durationMs: 2000, prebuild: 2000 }, true); // warm-up (JIT, pool, plans)
    const sweepService: LoadResult[] = [];
    const sweepMinimal: LoadResult[] = [];
    const sweepBare: LoadResult[] = [];
    await run(minimalUrl, { concurrency: 16, durationMs: 2000, prebuild: 2000 }, false); // warm-up
    // service and minimal path alternate at each load, so both see the same machine
    for (const c of SWEEP) {
      sweepService.push(await run(serviceUrl, { concurrency: c }, true));
      sweepMinimal.push(await run(minimalUrl, { concurrency: c }, false));
    }
    for (const c of SWEEP) sweepBare.push(await run(bareUrl, { concurrency: c }, false));
    const best = Math.max(...sweepService.map((r) => r.rps));
    const bestMinimal = Math.max(...sweepMinimal.map((r) => r.rps));
    const bestBare = Math.max(...sweepBare.map((r) => r.rps));
    const ratio = best / bestMinimal;
    const half = Math.max(1, Math.round(best / 2));
    const paced: LoadResult[] = [await run(serviceUrl, { mode: 'open', rate: half, concurrency: 256 }, true)];
    if (TARGET_RATE !== half) paced.push(await run(serviceUrl, { mode: 'open', rate: TARGET_RATE, concurrency: 256 }, true));

    // every submission stored once
    const db = pgdb.database.db;
    const successes = serviceRuns.reduce((a, r) => a + r.success, 0);
    const completed200 = serviceRuns.reduce((a, r) => a + (r.statuses['200'] ?? 0), 0);
    const sent = serviceRuns.reduce((a, r) => a + r.sent, 0);
    const actions = await count(db, sql`select count(*)::int as n from card_actions where action = 'settings.save'`);
    const distinctEvents = await count(db, sql`select count(distinct event_id)::int as n from card_actions`);
    const settingsRows = await count(db, sql`select count(*)::int as n from person_settings`);
    const once = actions === successes && distinctEvents === actions && settingsRows === PEOPLE;

    const row = (who: string, r: LoadResult) => [
      who,
      r.mode === 'open' ? `open @ ${r.rate}/s` : `closed, ${r.concurrency} in flight`,
      r.rps.toFixed(0),
      ms(r.p50),
      ms(r.p90),
      ms(r.p99),
      ms(r.max),
      r.completed,
      r.errors +
        r.dropped +
        Object.entries(r.statuses)
          .filter(([s]) => s !== '200')
          .reduce((a, [, n]) => a + n, 0),
    ];
    const p500 = paced.find((r) => r.rate === TARGET_RATE);
    const md = `## webhook — signed, encrypted \`card.action.trigger\` (\`settings.save\`) on PostgreSQL

Real service (\`createService\`, \`POST /lark/webhook\`: signature over the raw body, AES-256-CBC decrypt, token/app check,
zod, the operator from the in-process person cache, then ONE statement: \`card_actions\` insert guarded by the org
version + \`person_settings\` upsert + the answer, autocommit, \`synchronous_commit\` on) vs **the least a submit must do**
(a Fastify route: signature over the raw body, decrypt, parse, one \`insert … on conflict do nothing\`, a toast; its own
pool of the same size on the same database) vs a bare Fastify route answering \`{}\` (JSON body parsed, nothing else). ${PEOPLE} people (org of ${PEOPLE} centers), every request a distinct click
(own event id and message id). Load generator: a separate Node process, node:http keep-alive agent, loopback; ${SECONDS} s per step.
Latency in ms, from the intended send time for the open-loop (paced) runs.

${table(['server', 'load', 'req/s', 'p50', 'p90', 'p99', 'max', 'answered', 'errors/non-200/dropped'], [...sweepService.map((r) => row('service', r)), ...sweepMinimal.map((r) => row('least a submit must do', r)), ...sweepBare.map((r) => row('bare Fastify', r)), ...paced.map((r) => row('service', r))])}

- Saturation: service **${best.toFixed(0)} req/s**, the least a submit must do **${bestMinimal.toFixed(0)} req/s**, bare Fastify **${bestBare.toFixed(0)} req/s**.
- Target service ÷ least a submit must do ≥ 0.5: **${ratio.toFixed(2)}** → **${ratio >= 0.5 ? 'met' : 'missed'}**. (Service ÷ bare Fastify: ${(best / bestBare).toFixed(2)}.)
- Stored once: ${sent} submissions sent, ${completed200} answered 200, ${successes} with the success toast; \`card_actions\` holds ${actions} rows (${distinctEvents} distinct event ids); \`person_settings\` ${settingsRows} rows for ${PEOPLE} people → **${once ? 'every submission stored exactly once' : 'MISMATCH'}**.
${process.env.BENCH_SHARED ? `- Note: this run shared the machine with other work (${process.env.BENCH_SHARED}); numbers are lower bounds.\n` : ''}- Target p99 < 50 ms at ${TARGET_RATE}/s: ${p500 ? (p500.p99 < 50 && p500.dropped === 0 && p500.errors === 0 ? `**met** (p99 ${ms(p500.p99)} ms at ${TARGET_RATE}/s)` : `**missed** (p99 ${ms(p500.p99)} ms, ${p500.rps.toFixed(0)}/s answered at ${TARGET_RATE}/s offered)`) : '–'}.
`;
    writeSection('webhook', md);
    log(md);
  } finally {
    gen.stop();
    await service?.close().catch(() => {});
    await bare.close();
    await minimal.close();
    await standin.close();
    await pgdb.drop();
  }
}
