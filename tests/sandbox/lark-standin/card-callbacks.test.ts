// Card callbacks (card.action.trigger): form submits, required fields, returned cards, button clicks, card/update tokens.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { LarkStandin } from '../../../src/sandbox/lark-standin/index.ts';
import { ALICE, APP, formCard, larkError, sdkClient, startReceiver, startStandin } from './helpers.ts';

let s: LarkStandin;
let rx: Awaited<ReturnType<typeof startReceiver>>;
let client: lark.Client;
let clock: number;
let cardId: string;

beforeEach(async () => {
  clock = Date.parse('2026-11-27T01:00:00Z');
  rx = await startReceiver(APP.encryptKey);
  s = await startStandin({ encryptKey: APP.encryptKey, botWebhookUrl: rx.url, now: () => clock });
  client = sdkClient(s);
  const res = await client.im.message.create({
    params: { receive_id_type: 'open_id' },
    data: { receive_id: ALICE.openId, msg_type: 'interactive', content: JSON.stringify(formCard({ noteDefault: 'n/a' })) },
  });
  cardId = res.data!.message_id!;
});
afterEach(async () => {
  await s.close();
  await rx.close();
});

const doneCard = {
  schema: '2.0',
  header: { title: { tag: 'plain_text', content: 'Saved' } },
  body: { elements: [{ tag: 'markdown', content: 'Thanks' }] },
};
const cardUpdate = (token: string, card: object = doneCard) =>
  client.request({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data: { token, card } });

describe('submitting a form', () => {
  it('is blocked locally when a required field is empty: no callback is sent', async () => {
    const res = await s.submitForm({ messageId: cardId, user: ALICE.openId, values: { title: '  ' } });
    expect(res).toMatchObject({ blocked: '有必填项未填写', ok: false, status: 0 });
    expect(rx.received).toHaveLength(0);
  });

  it('sends form_value, the submit button name and value, and applies a returned raw card to updates', async () => {
    rx.respond(() => ({ body: { toast: { type: 'success', content: 'Saved' }, card: { type: 'raw', data: doneCard } } }));
    const res = await s.submitForm({ messageId: cardId, user: ALICE.openId, values: { title: 'Leaking pipe' } });
    const r = rx.received[0];
    expect(r.signatureOk).toBe(true);
    expect(r.plain.header.event_type).toBe('card.action.trigger');
    expect(r.plain.header.create_time).toMatch(/^\d{16}$/);
    expect(r.plain.event).toMatchObject({
      operator: { open_id: ALICE.openId, tenant_key: 'tenant_standin' },
      action: {
        tag: 'button',
        name: 'save',
        value: { action: 'save_report' },
        timezone: 'Asia/Shanghai',
        form_value: { title: 'Leaking pipe', note: 'n/a' },
      },
      host: 'im_message',
      context: { open_message_id: cardId, open_chat_id: s.p2pChatId(ALICE.openId) },
    });
    expect(res).toMatchObject({ ok: true, toast: { type: 'success', content: 'Saved' }, card: doneCard });
    expect(s.message(cardId)!.updates).toEqual([doneCard]);
  });

  it('a returned card the validator refuses (a form inside a form) shows the 200673 toast, names why, and keeps the old card', async () => {
    const bad = {
      schema: '2.0',
      body: { elements: [{ tag: 'form', name: 'outer', elements: [{ tag: 'form', name: 'inner', elements: [] }] }] },
    };
    rx.respond(() => ({ body: { toast: { type: 'success', content: 'Saved' }, card: { type: 'raw', data: bad } } }));
    const res = await s.submitForm({ messageId: cardId, user: ALICE.openId, values: { title: 'x' } });
    expect(res.toast).toEqual({ type: 'error', content: '200673' });
    expect(res.refused).toMatch(/230099|表单容器不支持内嵌表单容器|submit/);
    expect(s.message(cardId)!.updates).toEqual([]);
  });

  it('a returned 1.0 card over a 2.0 card is refused with the client error 200830 and not recorded', async () => {
    rx.respond(() => ({ body: { card: { type: 'raw', data: { elements: [{ tag: 'markdown', content: 'old' }] } } } }));
    const res = await s.submitForm({ messageId: cardId, user: ALICE.openId, values: { title: 'x' } });
    expect(res.toast).toEqual({ type: 'error', content: '200830' });
    expect(s.message(cardId)!.updates).toEqual([]);
  });

  it('a callback answered 500 is not re-delivered and shows an error toast', async () => {
    rx.respond(() => ({ status: 500 }));
    const res = await s.submitForm({ messageId: cardId, user: ALICE.openId, values: { title: 'x' } });
    expect(res).toMatchObject({ ok: false, status: 500, toast: { type: 'error', content: '200671' } });
    expect(s.pendingRedeliveries()).toBe(0);
  });

  it('a value for a field the form does not have is a test mistake and throws', async () => {
    await expect(s.submitForm({ messageId: cardId, user: ALICE.openId, values: { title: 'x', nope: 1 } })).rejects.toThrow(/nope/);
  });
});

describe('clicking a button', () => {
  it("sends the named button's behaviors[0].value", async () => {
    await s.clickButton({ messageId: cardId, user: ALICE.openId, buttonName: 'snooze' });
    expect(rx.received[0].plain.event.action).toEqual({
      value: { action: 'snooze' },
      tag: 'button',
      timezone: 'Asia/Shanghai',
      name: 'snooze',
    });
  });
});

describe('card/update with the callback token', () => {
  const tokenOfLastCallback = () => rx.received.at(-1)!.plain.event.token as string;

  it('updates the card at most twice per token', async () => {
    await s.clickButton({ messageId: cardId, user: ALICE.openId, buttonName: 'snooze' });
    const token = tokenOfLastCallback();
    expect(await cardUpdate(token)).toEqual({ code: 0, msg: 'ok' });
    expect(await cardUpdate(token)).toEqual({ code: 0, msg: 'ok' });
    expect(await larkError(cardUpdate(token))).toMatchObject({ status: 400, code: 300040 });
    expect(s.message(cardId)!.updates).toHaveLength(2);
  });

  it('a token older than 30 minutes (by the injected clock) or unknown answers 300030', async () => {
    await s.clickButton({ messageId: cardId, user: ALICE.openId, buttonName: 'snooze' });
    const token = tokenOfLastCallback();
    clock += 30 * 60_000 + 1;
    expect(await larkError(cardUpdate(token))).toMatchObject({ status: 400, code: 300030 });
    expect(await larkError(cardUpdate('c-unknown'))).toMatchObject({ status: 400, code: 300030 });
    expect(s.message(cardId)!.updates).toEqual([]);
  });

  it('a form submitted after an update uses the updated card', async () => {
    await s.clickButton({ messageId: cardId, user: ALICE.openId, buttonName: 'snooze' });
    await cardUpdate(tokenOfLastCallback(), doneCard);
    await expect(s.submitForm({ messageId: cardId, user: ALICE.openId, values: { title: 'x' } })).rejects.toThrow(/no form submit button/);
  });
});

describe('a card older than 14 days (卡片 JSON 2.0: "卡片可交互和可更新时间统一为 14 天")', () => {
  const DAY = 24 * 3600_000;

  it('a click or a submit is not delivered: the client shows it expired, and no callback is sent', async () => {
    clock += 14 * DAY + 60_000;
    expect(await s.submitForm({ messageId: cardId, user: ALICE.openId, values: { title: 'late' } })).toMatchObject({
      ok: false,
      status: 0,
      blocked: '卡片已过期，无法操作',
    });
    expect(await s.clickButton({ messageId: cardId, user: ALICE.openId, value: { action: 'x' } })).toMatchObject({
      ok: false,
      blocked: '卡片已过期，无法操作',
    });
    expect(rx.received).toHaveLength(0);
  });

  it('on day 14 it still works; after it, PATCH answers 230031 and the card stays as it was', async () => {
    clock += 14 * DAY - 60_000;
    client = sdkClient(s); // a new tenant token: the first one expired days ago on the stand-in's clock
    rx.respond(() => ({ body: {} }));
    expect((await s.clickButton({ messageId: cardId, user: ALICE.openId, value: { action: 'x' } })).ok).toBe(true);
    await client.im.message.patch({ path: { message_id: cardId }, data: { content: JSON.stringify(doneCard) } });
    expect(s.message(cardId)!.updates).toEqual([doneCard]);
    clock += 2 * 60_000;
    const late = client.im.message.patch({
      path: { message_id: cardId },
      data: { content: JSON.stringify({ ...doneCard, body: { elements: [{ tag: 'markdown', content: 'late' }] } }) },
    });
    expect(await larkError(late)).toMatchObject({ status: 400, code: 230031 });
    expect(s.message(cardId)!.updates).toEqual([doneCard]);
  });
});
