// The webhook's checks, driven through app.inject with bodies signed and encrypted as Lark does.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inboundEvents, outbox, personSettings, cardActions } from '../../src/db/schema/index.ts';
import { encryptPayload } from '../../src/lark/crypto.ts';
import type { Service } from '../../src/service.ts';
import { exampleOrg, importExampleOrg } from '../helpers/org.ts';
import { testService } from '../helpers/service.ts';
import { settleInbound } from '../helpers/settle.ts';
import { DRIVERS, useTestDatabase } from '../helpers/test-db.ts';

const APP_ID = 'cli_a1b2c3d4e5f60718';
const TOKEN = 'vt_test_token';
const KEY = 'ek_test_encrypt_key';
/** testService's clock, 2026-11-27T00:00:00Z, in Unix seconds (what X-Lark-Request-Timestamp carries) */
const NOW_S = String(Date.parse('2026-11-27T00:00:00Z') / 1000);
const env = {
  LARK_APP_ID: APP_ID,
  LARK_APP_SECRET: 'secret',
  LARK_VERIFICATION_TOKEN: TOKEN,
  LARK_ENCRYPT_KEY: KEY,
  LARK_DOMAIN: 'http://127.0.0.1:9',
};

function envelope(eventType: string, event: object, over: { token?: string; appId?: string; eventId?: string } = {}) {
  return {
    schema: '2.0',
    header: {
      event_id: over.eventId ?? randomBytes(16).toString('hex'),
      token: over.token ?? TOKEN,
      create_time: `${NOW_S}000`,
      event_type: eventType,
      tenant_key: 't',
      app_id: over.appId ?? APP_ID,
    },
    event,
  };
}

/** Encrypts and signs like Lark: the signature is computed here independently, over the exact body bytes. */
function signed(payload: object, opts: { sign?: 'valid' | 'forged' | 'none' } = {}) {
  const body = JSON.stringify({ encrypt: encryptPayload(KEY, JSON.stringify(payload)) });
  const ts = NOW_S; // the test service's clock: signatures are checked within ±5 min of it
  const nonce = 'n0nce';
  const sig = createHash('sha256')
    .update(ts + nonce + KEY + body)
    .digest('hex');
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (opts.sign !== 'none') {
    headers['x-lark-request-timestamp'] = ts;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = opts.sign === 'forged' ? sig.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) : sig;
  }
  return { method: 'POST' as const, url: '/lark/webhook', headers, payload: body };
}

const textEvent = (openId: string, text: string, messageId = `om_${randomBytes(16).toString('hex')}`) => ({
  sender: { sender_id: { open_id: openId, union_id: 'on_x', user_id: 'u' }, sender_type: 'user', tenant_key: 't' },
  message: {
    message_id: messageId,
    create_time: `${NOW_S}000`,
    chat_id: `oc_p2p_${openId}`,
    chat_type: 'p2p',
    message_type: 'text',
    content: JSON.stringify({ text }),
  },
});

describe.each(DRIVERS)('the Lark webhook on %s', (driver) => {
  const t = useTestDatabase(driver);
  let service: Service;
  const count = async (table: typeof inboundEvents | typeof outbox | typeof personSettings | typeof cardActions) =>
    (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

  beforeAll(async () => {
    service = await testService(t.database, env);
  });
  afterAll(() => service.close());
  beforeEach(async () => {
    await t.reset();
    await importExampleOrg(t.db);
  });

  it('answers the url_verification challenge, plain and encrypted, before any signature check', async () => {
    const plain = await service.app.inject({
      method: 'POST',
      url: '/lark/webhook',
      payload: { challenge: 'abc123', token: TOKEN, type: 'url_verification' },
    });
    expect(plain.statusCode).toBe(200);
    expect(plain.json()).toEqual({ challenge: 'abc123' });
    const enc = await service.app.inject(signed({ challenge: 'xyz', token: TOKEN, type: 'url_verification' }, { sign: 'none' }));
    expect(enc.json()).toEqual({ challenge: 'xyz' });
  });

  it('refuses a challenge carrying the wrong verification token', async () => {
    const res = await service.app.inject({
      method: 'POST',
      url: '/lark/webhook',
      payload: { challenge: 'abc', token: 'nope', type: 'url_verification' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('a forged signature is refused with 401 and nothing is stored', async () => {
    const res = await service.app.inject(signed(envelope('im.message.receive_v1', textEvent('ou_m1', '帮助')), { sign: 'forged' }));
    expect(res.statusCode).toBe(401);
    expect(await count(inboundEvents)).toBe(0);
  });

  it('an unsigned event is refused when an encrypt key is configured', async () => {
    const res = await service.app.inject(signed(envelope('im.message.receive_v1', textEvent('ou_m1', '帮助')), { sign: 'none' }));
    expect(res.statusCode).toBe(401);
  });

  it('a wrong verification token or another app id is refused with 401', async () => {
    const wrongToken = await service.app.inject(signed(envelope('im.message.receive_v1', textEvent('ou_m1', 'hi'), { token: 'other' })));
    expect(wrongToken.statusCode).toBe(401);
    const otherApp = await service.app.inject(
      signed(envelope('im.message.receive_v1', textEvent('ou_m1', 'hi'), { appId: 'cli_ffffffffffffffff' })),
    );
    expect(otherApp.statusCode).toBe(401);
    expect(await count(inboundEvents)).toBe(0);
  });

  it('malformed JSON, a non-object, an undecryptable body and a body without an envelope are 400s, never 500s', async () => {
    const bad = (payload: string) =>
      service.app.inject({ method: 'POST', url: '/lark/webhook', headers: { 'content-type': 'application/json' }, payload });
    expect((await bad('{"schema":')).statusCode).toBe(400);
    expect((await bad('[1,2]')).statusCode).toBe(400);
    expect((await bad('{"encrypt":"bm90IGVuY3J5cHRlZA=="}')).statusCode).toBe(400);
    const noHeader = await service.app.inject(signed({ schema: '2.0', event: {} }));
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().error).toMatch(/header/);
  });

  it('a body over 1 MiB is refused with 413 before it is read', async () => {
    const res = await service.app.inject({
      method: 'POST',
      url: '/lark/webhook',
      headers: { 'content-type': 'application/json' },
      payload: `{"a":"${'x'.repeat(1024 * 1024)}"}`,
    });
    expect(res.statusCode).toBe(413);
  });

  it('an event carrying a NUL or an unpaired surrogate is stored (with U+FFFD) and acknowledged, not refused for ever', async () => {
    const event = textEvent('ou_m1', 'hi');
    event.message.chat_id = 'oc_a\u0000b\ud800c';
    const res = await service.app.inject(signed(envelope('im.message.receive_v1', event)));
    expect(res.statusCode).toBe(200);
    const [row] = await t.db.select().from(inboundEvents);
    expect((row!.payload as { message: { chat_id: string } }).message.chat_id).toBe('oc_a\ufffdb\ufffdc');
  });

  it('an unknown event type is acknowledged, recorded as skipped, and not handled', async () => {
    const res = await service.app.inject(signed(envelope('contact.user.created_v3', { object: {} })));
    expect(res.statusCode).toBe(200);
    const [row] = await t.db.select().from(inboundEvents);
    expect(row).toMatchObject({ eventType: 'contact.user.created_v3', status: 'skipped' });
  });

  it('a text message is stored, answered 200, then handled: the help card goes to the outbox once, however often Lark re-sends', async () => {
    const evt = envelope('im.message.receive_v1', textEvent('ou_m1', '你好'));
    const first = await service.app.inject(signed(evt));
    expect(first.statusCode).toBe(200);
    const again = await service.app.inject(signed(evt)); // the same event re-sent
    expect(again.statusCode).toBe(200);
    await settleInbound(service.ctx);
    // one event, and the marker row that keeps its event id (status 'seen')
    expect(await count(inboundEvents)).toBe(2);
    const rows = await t.db.select().from(outbox);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'send',
      receiveIdType: 'chat_id',
      target: 'oc_p2p_ou_m1',
      msgType: 'interactive',
      status: 'pending',
    });
    expect(JSON.stringify(rows[0]!.content)).toContain('使用说明');
  });

  it('a message from someone not in the org file gets the polite refusal, not the help card', async () => {
    await service.app.inject(signed(envelope('im.message.receive_v1', textEvent('ou_stranger', '帮助'))));
    await settleInbound(service.ctx);
    const [row] = await t.db.select().from(outbox);
    expect((row!.content as { text: string }).text).toMatch(/不在公司的组织名单中/);
  });

  it('a double click on a form submit stores one change and answers the second from the record', async () => {
    const click = (eventId: string) =>
      service.app.inject(
        signed(
          envelope(
            'card.action.trigger',
            {
              operator: { open_id: 'ou_m1' },
              token: 'c-token',
              action: {
                tag: 'button',
                name: 'save_settings',
                value: { a: 'settings.save', p: 'm1' },
                form_value: { morning_time: '09:15 +0800' },
              },
              context: { open_message_id: 'om_settings_card', open_chat_id: 'oc_p2p_ou_m1' },
            },
            { eventId },
          ),
        ),
      );
    const first = await click('e1');
    expect(first.statusCode).toBe(200);
    expect(first.json().toast).toEqual({ type: 'success', content: '已保存' });
    expect(first.json().card.data.header.title.content).toBe('个人设置 · 已保存');
    const second = await click('e2');
    expect(second.json().toast.content).toBe('已收到，无需重复提交');
    expect(second.json().card).toEqual(first.json().card);
    expect(await count(cardActions)).toBe(1);
    const [settings] = await t.db.select().from(personSettings);
    expect(settings).toMatchObject({ personId: 'm1', morningTime: '09:15', updatedVia: 'om_settings_card' });
  });

  it('a bad form value answers an error toast naming the field and stores nothing', async () => {
    const res = await service.app.inject(
      signed(
        envelope('card.action.trigger', {
          operator: { open_id: 'ou_m1' },
          action: { tag: 'button', value: { a: 'settings.save', p: 'm1' }, form_value: { morning_time: '23:30 +0800' } },
          context: { open_message_id: 'om_x' },
        }),
      ),
    );
    expect(res.json()).toEqual({ toast: { type: 'error', content: '早报卡片时间：请选择 08:00 到 12:00 之间的时间' } });
    expect(await count(personSettings)).toBe(0);
    // the same bad click again is judged again (a refusal leaves no click record behind)
    const again = await service.app.inject(
      signed(
        envelope('card.action.trigger', {
          operator: { open_id: 'ou_m1' },
          action: { tag: 'button', value: { a: 'settings.save', p: 'm1' }, form_value: { morning_time: '23:30 +0800' } },
          context: { open_message_id: 'om_x' },
        }),
      ),
    );
    expect(again.json().toast.type).toBe('error');
    expect(await count(cardActions)).toBe(0);
  });

  const saveClick = (openId: string, personId: string, o: { eventId?: string; messageId?: string; time?: string } = {}) =>
    service.app.inject(
      signed(
        envelope(
          'card.action.trigger',
          {
            operator: { open_id: openId },
            action: {
              tag: 'button',
              value: { a: 'settings.save', p: personId },
              form_value: { morning_time: `${o.time ?? '09:45'} +0800` },
            },
            context: { open_message_id: o.messageId ?? `om_${randomBytes(8).toString('hex')}`, open_chat_id: `oc_p2p_${openId}` },
          },
          { eventId: o.eventId },
        ),
      ),
    );

  it('a settings save is stored once under 20 parallel identical clicks; the others get the stored answer', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => saveClick('ou_m1', 'm1', { eventId: `e-par-${i}`, messageId: 'om_same_card' })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    const toasts = answers.map((a) => a.json().toast);
    expect(toasts.filter((x) => x.type === 'success')).toHaveLength(1);
    expect(toasts.filter((x) => x.content === '已收到，无需重复提交')).toHaveLength(19);
    // every answer carries the saved card, the first one's
    const card = answers.find((a) => a.json().toast.type === 'success')!.json().card;
    for (const a of answers) expect(a.json().card).toEqual(card);
    expect(await count(cardActions)).toBe(1);
    const [action] = await t.db.select().from(cardActions);
    expect(action!.response).toMatchObject({ toast: { type: 'success' }, card });
    const settings = await t.db.select().from(personSettings);
    expect(settings).toEqual([expect.objectContaining({ personId: 'm1', morningTime: '09:45', updatedVia: 'om_same_card' })]);
  });

  it('an org import that deactivates someone makes their next click refused (the person cache is invalidated)', async () => {
    expect((await saveClick('ou_v1', 'v1')).json().toast.type).toBe('success'); // v1 is now cached
    const smaller = exampleOrg();
    smaller.people = smaller.people.filter((p) => p.id !== 'v1');
    smaller.centers[0]!.supervisors = [];
    await importExampleOrg(t.db, '2026-12-01', smaller);
    const refused = (await saveClick('ou_v1', 'v1', { time: '10:00' })).json();
    expect(refused.toast.content).toMatch(/不在公司的组织名单中/);
    expect(await count(cardActions)).toBe(1);
    const [settings] = await t.db.select().from(personSettings);
    expect(settings!.morningTime).toBe('09:45');
  });

  it('an org import by another instance (no in-process notice) is caught by the click statement and the click refused', async () => {
    expect((await saveClick('ou_v1', 'v1')).json().toast.type).toBe('success'); // v1 is now cached
    // what an import elsewhere leaves behind: the person deactivated and a newer org version, this process not told
    await t.db.execute(sql`update people set active = false where id = 'v1'`);
    await t.db.execute(
      sql`insert into org_imports (source, sha256, effective_day, summary) values ('elsewhere', 'x', '2026-12-01', '{}'::jsonb)`,
    );
    const refused = (await saveClick('ou_v1', 'v1', { time: '10:00' })).json();
    expect(refused.toast.content).toMatch(/不在公司的组织名单中/);
    expect(await count(cardActions)).toBe(1);
    const [settings] = await t.db.select().from(personSettings);
    expect(settings!.morningTime).toBe('09:45');
    // someone still active is answered after reading them again under the new version
    expect((await saveClick('ou_m1', 'm1', { time: '10:00' })).json().toast.type).toBe('success');
  });

  it("nobody can change someone else's settings; a stranger is refused", async () => {
    const act = (openId: string) =>
      service.app.inject(
        signed(
          envelope('card.action.trigger', {
            operator: { open_id: openId },
            action: { tag: 'button', value: { a: 'settings.save', p: 'm1' }, form_value: { morning_time: '09:00 +0800' } },
            context: { open_message_id: 'om_y' },
          }),
        ),
      );
    expect((await act('ou_v1')).json().toast).toEqual({ type: 'error', content: '只能修改自己的设置' });
    expect((await act('ou_nobody')).json().toast.content).toMatch(/不在公司的组织名单中/);
    expect(await count(personSettings)).toBe(0);
  });
});
