// A whole world for end-to-end tests: the Lark stand-in, the real service listening on a port, a test database with the example org.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import { outbox, people } from '../../src/db/schema/index.ts';
import type { Clock } from '../../src/lib/clock.ts';
import { systemClock } from '../../src/lib/clock.ts';
import type { RateLimiter } from '../../src/lark/rate-limiter.ts';
import { startLarkStandin, type LarkStandin, type StandinOptions, type StoredMessage } from '../../src/sandbox/lark-standin/index.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { larkUuid } from '../../src/outbox/sender.ts';
import { runTick } from '../../src/scheduler/tick.ts';
import type { Service, ServiceOptions } from '../../src/service.ts';
import { importExampleOrg } from './org.ts';
import { settleInbound } from './settle.ts';
import { WAIT_MS } from './spawn.ts';
import { testService } from './service.ts';
import { useTestDatabase, type Driver } from './test-db.ts';

export const APP_ID = 'cli_a1b2c3d4e5f60718';
export const APP_SECRET = 'standin-secret';
export const VERIFICATION_TOKEN = 'vt-standin';
export const ENCRYPT_KEY = 'ek-standin';

/** The people of examples/org.yaml as the stand-in's directory knows them (l1 is found by email). */
export const EXAMPLE_USERS = [
  { openId: 'ou_m1', name: '张伟' },
  { openId: 'ou_v1', name: '王芳' },
  { openId: 'ou_l1', name: '李强', email: 'li@example.com' },
  { openId: 'ou_q1', name: '赵敏' },
  { openId: 'ou_a1', name: '孙丽' },
  { openId: 'ou_s1', name: '周杰' },
];

export interface World {
  standin: LarkStandin;
  database: Database;
  service: Service;
  db: ReturnType<typeof useTestDatabase>['db'];
  /** Sends what the outbox holds, now (instead of waiting for the background loop). */
  flush(): Promise<void>;
  /** Waits until the stored events are handled and their messages sent. */
  settle(): Promise<void>;
  /** One scheduler pass at the service's clock, then delivery; returns "name title" of what it sent. */
  tick(): Promise<string[]>;
  /** A person writes to the bot in their chat; returns the bot's latest message there. */
  say(openId: string, text: string): Promise<StoredMessage>;
  /** The latest message in a person's chat with the bot. */
  lastTo(openId: string): StoredMessage;
}

export interface WorldOptions {
  clock?: Clock;
  limiter?: RateLimiter;
  standin?: Partial<StandinOptions>;
  service?: Partial<ServiceOptions>;
  /** the day the example org is imported as of (default 2026-11-27) */
  orgDay?: string;
  /** 'socket': events and card callbacks over the long connection (the SDK's WSClient), open before the tests run */
  connection?: 'webhook' | 'socket';
  /** settings that replace the world's own (e.g. no encrypt key, with LARK_ALLOW_UNSIGNED=1) */
  env?: NodeJS.ProcessEnv;
}

/** Waits (polling every 20 ms) until `cond` holds; fails naming `what` after `timeoutMs`. */
export async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = WAIT_MS): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function useLarkWorld(driver: Driver, opts: WorldOptions = {}): World {
  const t = useTestDatabase(driver);
  const world = { db: undefined as never } as unknown as World;
  beforeAll(async () => {
    // long connection: no token, no encrypt key; the SDK reconnects 0.1 s after a drop (ReconnectInterval, no nonce)
    const socket = opts.connection === 'socket';
    const socketOpts = socket ? { connection: 'socket' as const, socket: { reconnectInterval: 0.1, reconnectNonce: 0 } } : {};
    // the stand-in keeps the bot's time: its signatures' timestamps must fall in the bot's ±5 min window, and a card's
    // age is measured as Feishu would
    const clockOpts = opts.clock ? { now: () => opts.clock!.now().getTime() } : {};
    world.standin = await startLarkStandin({
      appId: APP_ID,
      appSecret: APP_SECRET,
      verificationToken: VERIFICATION_TOKEN,
      encryptKey: ENCRYPT_KEY,
      redeliveryDelaysMs: [200, 400],
      ...socketOpts,
      ...clockOpts,
      ...opts.standin,
    });
    const larkEnv = socket ? { LARK_CONNECTION: 'socket' } : { LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN, LARK_ENCRYPT_KEY: ENCRYPT_KEY };
    world.service = await testService(
      t.database,
      { LARK_APP_ID: APP_ID, LARK_APP_SECRET: APP_SECRET, LARK_DOMAIN: world.standin.url, ...larkEnv, ...opts.env },
      // one message at a time: tests read "the last message" of a chat, so arrival order must be the outbox's order
      { clock: opts.clock ?? systemClock, limiter: opts.limiter, scheduler: false, sender: { concurrency: 1 }, ...opts.service },
    );
    const address = await world.service.app.listen({ port: 0, host: '127.0.0.1' });
    world.standin.setBotWebhookUrl(`${address}/lark/webhook`);
    if (socket) {
      world.service.socket!.start();
      await until(() => world.service.socket!.state() === 'connected' && world.standin.socketConnections() === 1, 'the long connection');
    }
    Object.defineProperty(world, 'db', { get: () => t.db });
    Object.defineProperty(world, 'database', { get: () => t.database });
    world.flush = async () => {
      await world.service.sender!.drain();
    };
    world.tick = async () => {
      const r = await runTick({ db: t.db, rules: world.service.ctx.rules, log: silentLogger }, world.service.ctx.clock.now());
      await world.service.sender!.drain();
      return r.enqueued.map((e) => `${e.name} ${e.title}`);
    };
    world.lastTo = (openId) => world.standin.messages({ chatId: world.standin.p2pChatId(openId) }).at(-1)!;
    world.say = async (openId, text) => {
      await world.standin.sendText({ from: openId, text });
      await world.settle();
      // the bot's answer to this very message (its outbox key is reply:<message id>), not whatever came last
      const chatId = world.standin.p2pChatId(openId);
      const mine = world.standin
        .conversation(chatId)
        .filter((e) => e.from === openId)
        .at(-1);
      const uuid = mine ? larkUuid(`reply:${mine.id}`) : undefined;
      return world.standin.messages({ chatId }).find((m) => uuid !== undefined && m.uuid === uuid) ?? world.lastTo(openId);
    };
    world.settle = async () => {
      await settleInbound(world.service.ctx);
      await world.service.sender!.drain();
    };
  });
  afterAll(async () => {
    await world.service?.close();
    await world.standin?.close();
  });
  beforeEach(async () => {
    await t.reset();
    world.standin.reset();
    for (const u of EXAMPLE_USERS) world.standin.addUser(u);
    await importExampleOrg(t.db, opts.orgDay);
  });
  return world;
}

/**
 * The start most clock-driven tests share: the leader l1 resolved by the directory (so they get their messages),
 * a first scheduler pass at `firstPass` (the month's duties), its messages cleared, and the clock moved to `then`.
 */
export async function startAt(w: World, clock: { set(at: string): void }, firstPass: string, then: string): Promise<void> {
  clock.set(firstPass);
  await w.db.update(people).set({ openId: 'ou_l1' }).where(eq(people.id, 'l1'));
  w.standin.addUser({ openId: 'ou_l1', name: '李强' });
  await w.tick();
  await w.db.delete(outbox);
  clock.set(then);
}
