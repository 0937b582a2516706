// A bare outbox sender process for the kill test: DATABASE_URL, LARK_DOMAIN and LEASE_MS from the environment; exits when nothing is left to send.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.ts';
import { LarkClient } from '../../src/lark/lark-client.ts';
import { RateLimiter } from '../../src/lark/rate-limiter.ts';
import { systemClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { OutboxSender } from '../../src/outbox/sender.ts';

const need = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

const database = await openDatabase({ url: need('DATABASE_URL'), poolSize: 10 });
const client = new LarkClient({
  appId: need('LARK_APP_ID'),
  appSecret: need('LARK_APP_SECRET'),
  domain: need('LARK_DOMAIN'),
  log: silentLogger,
  limiter: new RateLimiter({ appPerSecond: 2000, appPerMinute: 1_000_000, perTargetPerSecond: 2000, marginMs: 0 }),
});
const sender = new OutboxSender({
  db: database.db,
  clock: systemClock,
  client,
  log: silentLogger,
  leaseMs: Number(need('LEASE_MS')),
  concurrency: 20,
});
const deadline = Date.now() + Number(process.env.MAX_RUN_MS ?? 120_000);
console.log('sender ready');

for (;;) {
  await sender.drain();
  const rows = (await database.db.execute(sql`select count(*)::int as n from outbox where status <> 'sent'`)) as unknown as {
    rows: { n: number }[];
  };
  if (rows.rows[0]!.n === 0) break;
  if (Date.now() > deadline) {
    console.error(`gave up with ${rows.rows[0]!.n} rows not sent`);
    process.exit(2);
  }
  await new Promise((r) => setTimeout(r, 200));
}
console.log('all sent');
await database.close();
process.exit(0);
