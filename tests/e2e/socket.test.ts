// Long-connection mode end to end: the SDK's real WSClient against the stand-in's endpoint and WebSocket — messages,
import type { Json } from '../../src/sandbox/lark-standin/index.ts';
// form submits, a dropped connection with nothing lost or doubled, and a refused secret.
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { cardActions, inboundEvents, outbox, people, submissions } from '../../src/db/schema/index.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { startLarkStandin } from '../../src/sandbox/lark-standin/index.ts';
import { runTick } from '../../src/scheduler/tick.ts';
import { GOOD } from '../features/records/fixtures.ts';
import { APP_ID, APP_SECRET, until, useLarkWorld, VERIFICATION_TOKEN } from '../helpers/lark-world.ts';
import { testService } from '../helpers/service.ts';
import { DRIVERS, useTestDatabase } from '../helpers/test-db.ts';

const title = (content: Json): string | undefined => content?.header?.title?.content;

describe.each(DRIVERS)('long-connection mode end to end on %s', (driver) => {
  const clock = new FixedClock('2026-11-24T06:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01', connection: 'socket' });
  const count = async (table: Json) => (await w.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  /** events stored, not counting the marker rows that keep a message's event id (status 'seen') */
  const events = async () =>
    (await w.db.select({ n: sql<number>`count(*)::int` }).from(inboundEvents).where(ne(inboundEvents.status, 'seen')))[0]!.n;
  const cardsTo = (openId: string) =>
    w.standin.messages({ chatId: w.standin.p2pChatId(openId) }).filter((m) => m.msgType === 'interactive');

  beforeEach(async () => {
    clock.set('2026-11-24T06:00:00+08:00');
    await w.db.update(people).set({ openId: 'ou_l1' }).where(eq(people.id, 'l1'));
    w.standin.addUser({ openId: 'ou_l1', name: '李强' });
    await runTick({ db: w.db, rules: w.service.ctx.rules, log: silentLogger }, clock.now()); // the month's duties
    await w.db.delete(outbox);
    clock.set('2026-11-24T15:30:00+08:00');
  });

  it('the bot holds one long connection and /healthz says so', async () => {
    expect(w.standin.socketConnections()).toBe(1);
    const health = await w.service.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok', socket: 'connected' });
    expect(w.standin.socketProtocolErrors()).toEqual([]);
  });

  it('a manager writes 帮助 and gets the help card; the frame was answered code 200 at once and the event stored once', async () => {
    const push = await w.standin.sendText({ from: 'ou_m1', text: '帮助' });
    expect(push).toMatchObject({ ok: true, status: 200 });
    await w.settle();
    const cards = cardsTo('ou_m1');
    expect(cards.map((m) => title(m.content))).toEqual(['物服管家 · 使用说明']);
    expect(JSON.stringify(cards[0]!.content)).toContain('张伟，您好');
    expect(await events()).toBe(1);
    expect(w.standin.deliveries().map((d) => [d.attempt, d.status])).toEqual([[0, 200]]);
  });

  it('the daily report filed from its 15:30 reminder card: success toast, the receipt replaces the card, one record for a double click', async () => {
    await w.tick();
    const reminder = cardsTo('ou_m1').find((m) => title(m.content) === '待提交：日报')!;
    expect(reminder).toBeDefined();
    const values = GOOD.daily_report!;
    const both = await Promise.all([
      w.standin.submitForm({ messageId: reminder.messageId, user: 'ou_m1', values }),
      w.standin.submitForm({ messageId: reminder.messageId, user: 'ou_m1', values }),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => r.toast?.content).sort()).toEqual(['已提交', '已收到，无需重复提交']);
    const receipt = w.standin.message(reminder.messageId)!.updates.at(-1);
    expect(title(receipt)).toBe('已提交：日报');
    expect(JSON.stringify(receipt)).toContain('按时提交');
    const filed = await w.db
      .select()
      .from(submissions)
      .where(and(eq(submissions.formId, 'daily_report'), isNull(submissions.supersededAt)));
    expect(filed).toEqual([expect.objectContaining({ personId: 'm1', onTime: true, version: 1 })]);
    expect(await count(cardActions)).toBe(1);
  });

  it('a dropped connection loses nothing: events pushed meanwhile arrive after the reconnect; re-sends are absorbed', async () => {
    w.standin.dropConnections();
    const m1 = await w.standin.sendText({ from: 'ou_m1', text: '帮助' });
    const v1 = await w.standin.sendText({ from: 'ou_v1', text: '帮助' });
    expect([m1.ok, v1.ok]).toEqual([false, false]); // nobody connected: held for the next connection

    await until(() => w.standin.socketConnections() === 1 && w.standin.pendingRedeliveries() === 0, 'the reconnect and the held events');
    await w.settle();
    expect(cardsTo('ou_m1').filter((m) => title(m.content) === '物服管家 · 使用说明')).toHaveLength(1);
    expect(cardsTo('ou_v1').filter((m) => title(m.content) === '物服管家 · 使用说明')).toHaveLength(1);

    // Lark re-sends an event it already delivered (same event_id): acknowledged, not handled twice
    const again = await w.standin.sendText({ from: 'ou_m1', text: '帮助' }, { eventId: m1.eventId });
    expect(again).toMatchObject({ ok: true, status: 200 });
    // the bot's answer to a frame is lost on the way: the stand-in re-sends the frame, the bot absorbs it
    w.standin.loseSocketReplies(1);
    const q1 = await w.standin.sendText({ from: 'ou_q1', text: '帮助' });
    expect(q1.ok).toBe(false);
    await until(() => w.standin.pendingRedeliveries() === 0, 'the re-send of the unanswered frame');
    await w.settle();
    expect(
      w.standin
        .deliveries()
        .filter((d) => d.eventId === q1.eventId)
        .map((d) => [d.attempt, d.ok]),
    ).toEqual([
      [0, false],
      [1, true],
    ]);
    expect(cardsTo('ou_m1').filter((m) => title(m.content) === '物服管家 · 使用说明')).toHaveLength(1);
    expect(cardsTo('ou_q1').filter((m) => title(m.content) === '物服管家 · 使用说明')).toHaveLength(1);
    expect(await events()).toBe(3);
    expect(w.standin.socketProtocolErrors()).toEqual([]);
  });
});

describe('long-connection mode with a wrong app secret', () => {
  const t = useTestDatabase('pglite');

  it('the endpoint refuses it (code 514), the bot stops trying and /healthz says the connection failed', async () => {
    const standin = await startLarkStandin({
      appId: APP_ID,
      appSecret: APP_SECRET,
      verificationToken: VERIFICATION_TOKEN,
      connection: 'socket',
    });
    const service = await testService(t.database, {
      LARK_APP_ID: APP_ID,
      LARK_APP_SECRET: 'not-the-secret',
      LARK_DOMAIN: standin.url,
      LARK_CONNECTION: 'socket',
    });
    try {
      const refused = await fetch(`${standin.url}/callback/ws/endpoint`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ AppID: APP_ID, AppSecret: 'not-the-secret' }),
      });
      expect(await refused.json()).toMatchObject({ code: 514 });
      service.socket!.start();
      await until(() => service.socket!.state() === 'failed', 'the refusal');
      expect(standin.socketConnections()).toBe(0);
      const health = await service.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.json()).toEqual({ status: 'ok', socket: 'failed' });
    } finally {
      await service.close();
      await standin.close();
    }
  });
});
