// kill -9 in the middle of a 2,000-message fan-out, then a restart: the stand-in (in this process) gets every message exactly once.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { outbox } from '../../src/db/schema/index.ts';
import { helpCard } from '../../src/lark/cards/help-card.ts';
import { cardToPerson, enqueue } from '../../src/outbox/enqueue.ts';
import { larkUuid } from '../../src/outbox/sender.ts';
import { startLarkStandin, type LarkStandin } from '../../src/sandbox/lark-standin/index.ts';
import { APP_ID, APP_SECRET, ENCRYPT_KEY, VERIFICATION_TOKEN } from '../helpers/lark-world.ts';
import { start, waitFor, type Running } from '../helpers/spawn.ts';
import { createPostgresDatabase, hasPostgres } from '../helpers/test-db.ts';

const TOTAL = 2000;
const KILL_AT = 700;
const PEOPLE = 200;
const SCRIPT = 'tests/resilience/fanout-sender.ts';

describe('a sender killed with SIGKILL in the middle of a fan-out', () => {
  if (!hasPostgres('the kill test')) return;
  let pgdb: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let database: Database;
  let standin: LarkStandin;
  const children: Running[] = [];

  beforeAll(async () => {
    pgdb = await createPostgresDatabase();
    database = await openDatabase({ url: pgdb.url, poolSize: 5 });
    await database.migrate();
    standin = await startLarkStandin({
      appId: APP_ID,
      appSecret: APP_SECRET,
      verificationToken: VERIFICATION_TOKEN,
      encryptKey: ENCRYPT_KEY,
      rateLimit: { appPerSecond: 100_000, appPerMinute: 10_000_000, perTargetPerSecond: 100_000 },
    });
    for (let u = 0; u < PEOPLE; u++) standin.addUser({ openId: `ou_fan${u}`, name: `经理${u}` });
  });
  afterAll(async () => {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    await database?.close();
    await standin?.close();
    await pgdb?.drop();
  });

  it('after the restart every one of 2,000 messages is delivered exactly once and every row is sent', async () => {
    const now = new Date();
    await database.db.transaction(async (tx) => {
      for (let i = 0; i < TOTAL; i++)
        await enqueue(tx, now, cardToPerson(`fan:${i}`, `ou_fan${i % PEOPLE}`, helpCard(`经理${i % PEOPLE}`), 'test:fanout'));
    });
    const env = {
      DATABASE_URL: pgdb.url,
      LARK_APP_ID: APP_ID,
      LARK_APP_SECRET: APP_SECRET,
      LARK_DOMAIN: standin.url,
      LEASE_MS: '3000',
      MAX_RUN_MS: '120000',
    };

    const first = start(process.execPath, ['--import', 'tsx', SCRIPT], env);
    children.push(first);
    await waitFor(
      async () => (standin.messages().length >= KILL_AT ? true : undefined),
      `${KILL_AT} messages at the stand-in (child said: ${first.output()})`,
    );
    process.kill(first.child.pid!, 'SIGKILL');
    await first.exited;
    const atKill = standin.messages().length;
    expect(atKill).toBeGreaterThanOrEqual(KILL_AT);
    expect(atKill).toBeLessThan(TOTAL); // really killed in the middle
    const stranded = await database.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(sql`${outbox.status} = 'sending'`);
    console.log(`kill-fanout: killed at ${atKill} messages with ${stranded[0]!.n} rows held by the dead sender`);

    const second = start(process.execPath, ['--import', 'tsx', SCRIPT], env);
    children.push(second);
    const code = await Promise.race([second.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 150_000).unref())]);
    expect(code, second.output()).toBe(0);

    const messages = standin.messages();
    expect(messages).toHaveLength(TOTAL);
    const uuids = messages.map((m) => m.uuid);
    expect(new Set(uuids).size).toBe(TOTAL);
    const rows = await database.db.select({ key: outbox.key, status: outbox.status, messageId: outbox.messageId }).from(outbox);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    expect(new Set(uuids)).toEqual(new Set(rows.map((r) => larkUuid(r.key))));
    // each row records the one message Lark kept for it
    const byUuid = new Map(messages.map((m) => [m.uuid, m.messageId]));
    expect(rows.filter((r) => byUuid.get(larkUuid(r.key)) !== r.messageId).map((r) => r.key)).toEqual([]);
  });
});
