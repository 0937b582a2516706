// The outbox against the stand-in: rate limits, crashes, faults and permanent failures; every message once.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.ts';
import { helpCard } from '../../src/lark/cards/help-card.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { cardToPerson, enqueue } from '../../src/outbox/enqueue.ts';
import { larkUuid, OutboxSender } from '../../src/outbox/sender.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { DRIVERS } from '../helpers/test-db.ts';

/** The largest number of requests inside any window of `spanMs`. */
function busiest(stamps: number[], spanMs: number): number {
  const s = [...stamps].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (s[i]! - s[j]! >= spanMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe.each(DRIVERS)('the outbox on %s', (driver) => {
  const w = useLarkWorld(driver);
  const now = () => new Date();

  // 150 messages: three seconds of Lark's 50 a second (each second at the limit, and the edges between them)
  it('150 messages to 30 people all arrive once, and the app never exceeds 50 requests in any second', async () => {
    for (let u = 0; u < 30; u++) w.standin.addUser({ openId: `ou_load${u}`, name: `经理${u}` });
    for (let i = 0; i < 150; i++) {
      const u = i % 30;
      await enqueue(w.db, now(), cardToPerson(`load:${i}`, `ou_load${u}`, helpCard(`经理${u}`), 'test:load'));
    }
    const started = performance.now();
    const report = await w.service.sender!.drain();
    expect(report.sent).toBe(150);
    expect(w.standin.messages()).toHaveLength(150);
    expect(new Set(w.standin.messages().map((m) => m.uuid)).size).toBe(150);
    const sends = w.standin
      .requests()
      .filter((r) => r.method === 'POST' && r.path.startsWith('/open-apis/im/v1/messages') && r.at >= started);
    expect(
      busiest(
        sends.map((r) => r.at),
        1000,
      ),
    ).toBeLessThanOrEqual(50);
    expect(sends.filter((r) => r.status !== 200)).toEqual([]); // the limiter kept us under Lark's limits: no 429 at all
    expect(await w.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(eq(outbox.status, 'sent'))).toEqual([{ n: 150 }]);
  });

  it('a sender that dies after claiming leaves nothing lost: after its lease another sends each message once', async () => {
    const clock = new FixedClock(now());
    for (let i = 0; i < 5; i++) await enqueue(w.db, clock.now(), cardToPerson(`crash:${i}`, 'ou_m1', helpCard('张伟'), 'test:crash'));
    const dying = new OutboxSender({ db: w.db, clock, client: w.service.ctx.lark!, log: silentLogger, leaseMs: 60_000 });
    expect(await dying.claim(100)).toHaveLength(1); // the oldest to 张伟 (the rest wait behind it), then the process dies before sending

    const restarted = new OutboxSender({ db: w.db, clock, client: w.service.ctx.lark!, log: silentLogger, leaseMs: 60_000 });
    expect((await restarted.drain()).sent).toBe(0); // still leased
    clock.advance(61_000);
    expect((await restarted.drain()).sent).toBe(5);
    expect(w.standin.messages()).toHaveLength(5);
  });

  it('a crash between the send and its record re-sends with the same uuid, and Lark keeps one message', async () => {
    const clock = new FixedClock(now());
    await enqueue(w.db, clock.now(), cardToPerson('halfway:1', 'ou_m1', helpCard('张伟'), 'test:halfway'));
    const dying = new OutboxSender({ db: w.db, clock, client: w.service.ctx.lark!, log: silentLogger });
    const [row] = await dying.claim(1);
    const first = await w.service.ctx.lark!.send('open_id', 'ou_m1', 'interactive', row!.content, larkUuid(row!.key)); // sent; the record never written
    clock.advance(61_000);
    const restarted = new OutboxSender({ db: w.db, clock, client: w.service.ctx.lark!, log: silentLogger });
    expect((await restarted.drain()).sent).toBe(1);
    expect(w.standin.messages()).toHaveLength(1);
    const [after] = await w.db.select().from(outbox);
    expect(after!.messageId).toBe(first.messageId);
  });

  it('429s, 5xx and timeouts from Lark are retried until each message is delivered once', async () => {
    w.standin.injectFault({ path: '/open-apis/im/v1/messages', method: 'POST', times: 2, status: 429, code: 99991400, resetSeconds: 1 });
    w.standin.injectFault({ path: '/open-apis/im/v1/messages', method: 'POST', times: 2, status: 503, code: 1, msg: 'unavailable' });
    for (let i = 0; i < 6; i++)
      await enqueue(w.db, now(), cardToPerson(`faults:${i}`, i % 2 ? 'ou_m1' : 'ou_v1', helpCard(), 'test:faults'));
    const report = await w.service.sender!.drain();
    expect(report.sent).toBe(6);
    expect(w.standin.messages()).toHaveLength(6);
    expect(w.standin.requests().filter((r) => r.status === 429 || r.status === 503)).toHaveLength(4);
  });

  it("a person's two messages arrive in the order they were enqueued when the first is rate limited and retried later", async () => {
    const clock = new FixedClock(now());
    w.standin.injectFault({ path: '/open-apis/im/v1/messages', method: 'POST', times: 1, status: 429, code: 99991400, resetSeconds: 30 });
    await enqueue(w.db, clock.now(), cardToPerson('order:1', 'ou_m1', helpCard('第一条'), 'test:order'));
    await enqueue(w.db, clock.now(), cardToPerson('order:2', 'ou_m1', helpCard('第二条'), 'test:order'));
    const sender = new OutboxSender({ db: w.db, clock, client: w.service.ctx.lark!, log: silentLogger, concurrency: 10 });
    expect(await sender.drain()).toEqual({ sent: 0, retried: 1, failed: 0 }); // the first waits 30 s; the second waits behind it
    expect(w.standin.messages()).toEqual([]);
    clock.advance(31_000);
    expect((await sender.drain()).sent).toBe(2);
    expect(w.standin.messages().map((m) => m.uuid)).toEqual([larkUuid('order:1'), larkUuid('order:2')]);
  });

  it("a person's messages keep their order when the first fails with a 5xx and is retried at once, with ten sends in flight", async () => {
    w.standin.injectFault({ path: '/open-apis/im/v1/messages', method: 'POST', times: 1, status: 503, code: 1, msg: 'unavailable' });
    for (let i = 0; i < 4; i++) await enqueue(w.db, now(), cardToPerson(`burst:${i}`, 'ou_m1', helpCard(`第${i}条`), 'test:order'));
    await enqueue(w.db, now(), cardToPerson('burst:other', 'ou_v1', helpCard('别人'), 'test:order'));
    const sender = new OutboxSender({ db: w.db, clock: { now }, client: w.service.ctx.lark!, log: silentLogger, concurrency: 10 });
    expect((await sender.drain()).sent).toBe(5);
    expect(w.standin.requests().filter((r) => r.status === 503)).toHaveLength(1);
    expect(w.standin.messages({ chatId: w.standin.p2pChatId('ou_m1') }).map((m) => m.uuid)).toEqual(
      [0, 1, 2, 3].map((i) => larkUuid(`burst:${i}`)),
    );
  });

  it('a permanent failure is recorded with its reason and told to the admins once per recipient and day', async () => {
    w.standin.addUser({ openId: 'ou_m1', name: '张伟', reachable: false });
    await enqueue(w.db, now(), cardToPerson('unreachable:1', 'ou_m1', helpCard('张伟'), 'test:unreachable'));
    await enqueue(w.db, now(), cardToPerson('unreachable:2', 'ou_m1', helpCard('张伟'), 'test:unreachable'));
    await w.service.sender!.drain();
    const failed = await w.db.select().from(outbox).where(eq(outbox.status, 'failed')).orderBy(outbox.key);
    expect(failed.map((r) => [r.key, r.errorCode])).toEqual([
      ['unreachable:1', 230013],
      ['unreachable:2', 230013],
    ]);
    const notices = w.standin.messages({ chatId: w.standin.p2pChatId('ou_a1') });
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0]!.content)).toContain('张伟');
    expect(JSON.stringify(notices[0]!.content)).toContain('可用范围');
  });

  it('patches a sent card and buzzes people; a card sent over 14 days ago is not patched (230031), recorded without telling the admins', async () => {
    await enqueue(w.db, now(), cardToPerson('urgent:1', 'ou_m1', helpCard('张伟'), 'test:urgent', { urgentTo: ['ou_m1'] }));
    await w.flush();
    const [sent] = w.standin.messages();
    expect(sent!.urgent).toEqual(['ou_m1']);

    await enqueue(w.db, now(), {
      key: 'patch:1',
      kind: 'patch',
      target: sent!.messageId,
      msgType: 'interactive',
      content: helpCard('张经理'),
      source: 'test',
    });
    await w.flush();
    expect(JSON.stringify(w.standin.message(sent!.messageId)!.updates.at(-1))).toContain('张经理');

    // 更新已发送的消息卡片: "仅支持更新 14 天内发送的消息" — the same card, as if sent 15 days ago
    w.standin.message(sent!.messageId)!.createTime -= 15 * 24 * 3600_000;
    await enqueue(w.db, now(), {
      key: 'patch:2',
      kind: 'patch',
      target: sent!.messageId,
      msgType: 'interactive',
      content: helpCard('太晚了'),
      source: 'test',
    });
    await w.flush();
    const [late] = await w.db.select().from(outbox).where(eq(outbox.key, 'patch:2'));
    expect(late).toMatchObject({ status: 'failed', errorCode: 230031 });
    expect(JSON.stringify(w.standin.message(sent!.messageId)!.updates.at(-1))).toContain('张经理');
    expect(w.standin.messages({ chatId: w.standin.p2pChatId('ou_a1') })).toHaveLength(0);
  });
});
