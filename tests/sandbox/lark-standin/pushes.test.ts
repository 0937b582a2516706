// Pushes to the bot's webhook: encryption and signatures, forged/missing signatures, re-delivery, URL verification.
import { afterEach, describe, expect, it } from 'vitest';
import type { LarkStandin } from '../../../src/sandbox/lark-standin/index.ts';
import { ALICE, APP, GROUP, startReceiver, startStandin, until } from './helpers.ts';

let s: LarkStandin;
let rx: Awaited<ReturnType<typeof startReceiver>>;
afterEach(async () => {
  await s?.close();
  await rx?.close();
});

async function setup(encrypted: boolean, extra = {}) {
  rx = await startReceiver(encrypted ? APP.encryptKey : undefined);
  s = await startStandin({ ...(encrypted ? { encryptKey: APP.encryptKey } : {}), botWebhookUrl: rx.url, ...extra });
}

describe('pushing events', () => {
  it('with an encrypt key, an event arrives encrypted and signed over the exact body bytes', async () => {
    await setup(true);
    const res = await s.sendText({ from: ALICE.openId, text: 'hello' });
    expect(res).toMatchObject({ ok: true, status: 200 });
    const r = rx.received[0];
    expect(Object.keys(JSON.parse(r.raw))).toEqual(['encrypt']);
    expect(r.signatureOk).toBe(true);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['x-lark-request-timestamp']).toMatch(/^\d{10}$/);
    expect(r.plain.header.event_id).toBe(res.eventId);
    expect(r.plain.event.message).toMatchObject({ chat_id: s.p2pChatId(ALICE.openId), chat_type: 'p2p', content: '{"text":"hello"}' });
  });

  it('without an encrypt key, an event arrives as plain JSON with no signature headers', async () => {
    await setup(false);
    await s.sendText({ from: ALICE.openId, chatId: GROUP, text: 'hi all' });
    const r = rx.received[0];
    expect(r.signatureOk).toBeUndefined();
    expect(JSON.parse(r.raw).schema).toBe('2.0');
    expect(r.plain.event.message.chat_type).toBe('group');
  });

  it("'forged' sends a signature of the right length that does not verify; 'missing' sends no signature headers", async () => {
    await setup(true);
    await s.sendText({ from: ALICE.openId, text: 'a' }, { signature: 'forged' });
    await s.sendText({ from: ALICE.openId, text: 'b' }, { signature: 'missing' });
    const [forged, missing] = rx.received;
    expect(forged.signatureOk).toBe(false);
    expect(forged.headers['x-lark-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(missing.signatureOk).toBeUndefined();
    expect(missing.headers['x-lark-signature']).toBeUndefined();
  });

  it('token, app id and raw-body overrides reach the bot as given', async () => {
    await setup(false);
    await s.pushEvent('im.message.receive_v1', { hello: 1 }, { token: 'wrong-token', appId: 'cli_0000000000000000' });
    await s.pushEvent('im.message.receive_v1', {}, { rawBody: '{"schema":' });
    expect(rx.received[0].plain.header).toMatchObject({ token: 'wrong-token', app_id: 'cli_0000000000000000' });
    expect(rx.received[1].raw).toBe('{"schema":');
  });

  it('an event answered 500 is re-delivered with the same event_id and body until it gets 200', async () => {
    await setup(true, { redeliveryDelaysMs: [50, 100] });
    let calls = 0;
    rx.respond(() => (++calls === 1 ? { status: 500 } : undefined));
    const res = await s.sendText({ from: ALICE.openId, text: 'retry me' });
    expect(res).toMatchObject({ ok: false, status: 500 });
    expect(s.pendingRedeliveries()).toBe(1);
    await until(() => rx.received.length === 2);
    await until(() => s.pendingRedeliveries() === 0);
    const [first, second] = rx.received;
    expect(second.raw).toBe(first.raw);
    expect(second.plain.header.event_id).toBe(res.eventId);
    expect(second.signatureOk).toBe(true);
    expect(s.deliveries().map((d) => [d.attempt, d.status])).toEqual([
      [0, 500],
      [1, 200],
    ]);
  });

  it('an event not answered within pushTimeoutMs is re-delivered at most once per configured delay', async () => {
    await setup(false, { redeliveryDelaysMs: [20, 20], pushTimeoutMs: 100 });
    rx.respond(() => ({ delayMs: 300 }));
    const res = await s.sendText({ from: ALICE.openId, text: 'slow' });
    expect(res).toMatchObject({ ok: false, status: 0 });
    await until(() => s.pendingRedeliveries() === 0);
    expect(s.deliveries().map((d) => d.attempt)).toEqual([0, 1, 2]);
  });

  it('close() cancels pending re-deliveries', async () => {
    await setup(false, { redeliveryDelaysMs: [10_000] });
    rx.respond(() => ({ status: 503 }));
    await s.sendText({ from: ALICE.openId, text: 'x' });
    expect(s.pendingRedeliveries()).toBe(1);
    await s.close();
    expect(s.pendingRedeliveries()).toBe(0);
  });

  it('re-using an event id re-sends the identical event (same message_id)', async () => {
    await setup(false);
    const first = await s.sendText({ from: ALICE.openId, text: 'dup' });
    await s.sendText({ from: ALICE.openId, text: 'ignored' }, { eventId: first.eventId });
    expect(rx.received[1].plain).toEqual(rx.received[0].plain);
  });

  it('bot added, bot removed and p2p entered have the documented event types and flip membership', async () => {
    await setup(false);
    await s.botAdded({ chatId: 'oc_new', operator: ALICE.openId, name: 'New group' });
    await s.botRemoved({ chatId: GROUP, operator: ALICE.openId });
    await s.p2pEntered({ openId: ALICE.openId });
    expect(rx.received.map((r) => r.plain.header.event_type)).toEqual([
      'im.chat.member.bot.added_v1',
      'im.chat.member.bot.deleted_v1',
      'im.chat.access_event.bot_p2p_chat_entered_v1',
    ]);
    expect(rx.received[0].plain.event).toMatchObject({ chat_id: 'oc_new', operator_id: { open_id: ALICE.openId }, name: 'New group' });
    expect(rx.received[2].plain.event).toMatchObject({ chat_id: s.p2pChatId(ALICE.openId), operator_id: { open_id: ALICE.openId } });
    await expect(s.sendText({ from: ALICE.openId, chatId: GROUP, text: 'x' })).rejects.toThrow(/not in/);
  });
});

describe('URL verification', () => {
  it('ok when the bot echoes the challenge of an encrypted, unsigned request', async () => {
    await setup(true);
    const res = await s.urlVerification();
    expect(res.ok).toBe(true);
    const r = rx.received[0];
    expect(r.signatureOk).toBeUndefined();
    expect(r.plain).toEqual({ challenge: expect.any(String), token: APP.verificationToken, type: 'url_verification' });
  });

  it('not ok when the bot answers something else', async () => {
    await setup(false);
    rx.respond(() => ({ body: { challenge: 'wrong' } }));
    expect((await s.urlVerification()).ok).toBe(false);
  });
});
