// The database goes away for 30 s under load (a throwaway PostgreSQL this test starts on a spare port, never the
// machine's shared server): events get a 503 Lark will retry, card submits an error toast, nothing accepted is lost,
// and the service recovers by itself.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { inboundEvents } from '../../src/db/schema/index.ts';
import { startLarkStandin, type LarkStandin } from '../../src/sandbox/lark-standin/index.ts';
import type { Service } from '../../src/service.ts';
import { APP_ID, APP_SECRET, ENCRYPT_KEY, EXAMPLE_USERS, VERIFICATION_TOKEN } from '../helpers/lark-world.ts';
import { importExampleOrg } from '../helpers/org.ts';
import { testService } from '../helpers/service.ts';
import { settleInbound } from '../helpers/settle.ts';
import { freePort } from '../helpers/spawn.ts';
import { systemClock } from '../../src/lib/clock.ts';

const PGBIN = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'].find((d) =>
  existsSync(`${d}/initdb`),
);
const DOWN_MS = 30_000;

function asPostgres(cmd: string) {
  return execFileSync('su', ['postgres', '-c', cmd], { stdio: 'pipe' }).toString();
}

describe('the database going away under load', () => {
  let dir: string;
  let port: number;
  let database: Database;
  let service: Service;
  let standin: LarkStandin;
  const pg = (action: 'start' | 'stop') =>
    asPostgres(
      action === 'start'
        ? `${PGBIN}/pg_ctl -D ${dir}/data -l ${dir}/server.log -o '-p ${port} -k ${dir} -c listen_addresses=127.0.0.1' -w start`
        : `${PGBIN}/pg_ctl -D ${dir}/data -m fast -w stop`,
    );

  beforeAll(async () => {
    if (!PGBIN) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql');
    dir = mkdtempSync(path.join(tmpdir(), 'steward-pgdown-'));
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
    port = await freePort();
    asPostgres(`${PGBIN}/initdb -D ${dir}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8`);
    pg('start');
    execFileSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'create database app']);
    database = await openDatabase({ url: `postgres://postgres@127.0.0.1:${port}/app`, poolSize: 4 });
    await database.migrate();
    await importExampleOrg(database.db);
    standin = await startLarkStandin({
      appId: APP_ID,
      appSecret: APP_SECRET,
      verificationToken: VERIFICATION_TOKEN,
      encryptKey: ENCRYPT_KEY,
      redeliveryDelaysMs: [],
    });
    for (const u of EXAMPLE_USERS) standin.addUser(u);
    service = await testService(
      database,
      {
        LARK_APP_ID: APP_ID,
        LARK_APP_SECRET: APP_SECRET,
        LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
        LARK_ENCRYPT_KEY: ENCRYPT_KEY,
        LARK_DOMAIN: standin.url,
      },
      { clock: systemClock, scheduler: false },
    );
    standin.setBotWebhookUrl(`${await service.app.listen({ port: 0, host: '127.0.0.1' })}/lark/webhook`);
  });

  afterAll(async () => {
    await service?.close();
    await standin?.close();
    await database?.close().catch(() => {});
    if (dir && PGBIN) {
      try {
        pg('stop');
      } catch {
        /* already stopped */
      }
    }
  });

  it('answers 503 to events and an error toast to card submits while it is down, loses nothing it accepted, and recovers by itself', async () => {
    const accepted: string[] = [];
    const send = async () => {
      const eventId = randomBytes(16).toString('hex');
      const res = await standin.sendText({ from: 'ou_m1', text: '帮助' }, { eventId, redeliver: false });
      if (res.status === 200) accepted.push(eventId);
      return res.status;
    };
    // load before
    for (let i = 0; i < 20; i++) expect(await send()).toBe(200);
    await settleInbound(service.ctx);
    await service.sender!.drain(); // the help cards reach the chat: one of them is clicked while the database is gone

    pg('stop');
    const downUntil = Date.now() + DOWN_MS;
    const during: number[] = [];
    let toast: string | undefined;
    while (Date.now() < downUntil) {
      during.push(await send());
      if (!toast) {
        // a card submit while the database is gone: an error toast, so the user can press again
        const sent = standin.messages({ chatId: standin.p2pChatId('ou_m1') }).find((m) => m.msgType === 'interactive');
        if (sent)
          toast = (await standin.clickButton({ messageId: sent.messageId, user: 'ou_m1', value: { a: 'settings.open' } })).toast?.type;
      }
      const health = await service.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(503);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(during.length).toBeGreaterThan(10);
    expect(new Set(during)).toEqual(new Set([503])); // Lark re-sends what was not acknowledged
    expect(toast).toBe('error');

    pg('start');
    // recovers by itself: the pool reconnects, the health check and events work again
    const until = Date.now() + 30_000;
    while ((await service.app.inject({ method: 'GET', url: '/healthz' })).statusCode !== 200) {
      if (Date.now() > until) throw new Error('the service did not recover');
      await new Promise((r) => setTimeout(r, 250));
    }
    for (let i = 0; i < 20; i++) expect(await send()).toBe(200);
    await settleInbound(service.ctx);

    // everything accepted (before and after) is stored and handled; nothing from the window was half-stored
    // (not counting the marker rows that keep each message's event id, status 'seen')
    const rows = await database.db
      .select({ eventId: inboundEvents.eventId, status: inboundEvents.status })
      .from(inboundEvents)
      .where(ne(inboundEvents.status, 'seen'));
    expect(rows.map((r) => r.eventId).sort()).toEqual([...accepted].sort());
    expect(rows.every((r) => r.status === 'done')).toBe(true);
    const [n] = await database.db.select({ n: sql<number>`count(*)::int` }).from(inboundEvents).where(ne(inboundEvents.status, 'seen'));
    expect(n!.n).toBe(40);
  });
});
