// The stand-in's pushes use Lark's published crypto and the documented payload shapes, and the SDK accepts them.
import type { Json } from '../../../src/sandbox/lark-standin/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lark from '@larksuiteoapi/node-sdk';
import { decryptPayload, encryptPayload } from '../../../src/lark/crypto.ts';
import type { LarkStandin } from '../../../src/sandbox/lark-standin/index.ts';
import { ALICE, APP, formCard, GROUP, sdkClient, startReceiver, startStandin, until } from './helpers.ts';

// lark-protocol.md §1.6, comments removed.
const DOC_MESSAGE = {
  schema: '2.0',
  header: {
    event_id: '5e3702a84e847582be8db7fb73283c02',
    event_type: 'im.message.receive_v1',
    create_time: '1608725989000',
    token: 'rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV',
    app_id: 'cli_9f5343c580712544',
    tenant_key: '2ca1d211f64f6438',
  },
  event: {
    sender: {
      sender_id: { union_id: 'on_8ed6', user_id: 'e33ggbyz', open_id: 'ou_84aad35d' },
      sender_type: 'user',
      tenant_key: '736588c9260f175e',
    },
    message: {
      message_id: 'om_5ce6d572455d361153b7cb51da133945',
      root_id: 'om_1',
      parent_id: 'om_1',
      create_time: '1609073151345',
      update_time: '1687343654666',
      chat_id: 'oc_5ce6d572455d361153b7xx51da133945',
      thread_id: 'omt_d4be107c616',
      chat_type: 'group',
      message_type: 'text',
      content: '{"text":"@_user_1 hello"}',
      mentions: [
        { key: '@_user_1', id: { union_id: 'on_1', user_id: 'e33ggbyz', open_id: 'ou_1' }, name: 'Tom', tenant_key: '736588c9260f175e' },
      ],
      user_agent: 'Mozilla/5.0',
    },
  },
};

// lark-protocol.md §2.1, comments removed.
const DOC_CARD_ACTION = {
  schema: '2.0',
  header: {
    event_id: 'f7984f25108f8137722bb63c',
    token: '066zT6pS4QCbgj5Do145GfDbbag',
    create_time: '1603977298000000',
    event_type: 'card.action.trigger',
    tenant_key: '2df73991750',
    app_id: 'cli_a5fb0ae6a4',
  },
  event: {
    operator: { tenant_key: '2df7', user_id: '867', open_id: 'ou_3c14', union_id: 'on_cad4' },
    token: 'c-295ee57216a5dc9de90fefd0aadb4b1d7d',
    action: {
      value: { key: 'value' },
      tag: 'button',
      timezone: 'Asia/Shanghai',
      name: 'Button_lvkepfu3',
      form_value: { Input_lf4fmxwfrd9: '1234' },
      input_value: '…',
      option: '…',
      options: ['…'],
      checked: true,
    },
    host: 'im_message',
    delivery_type: 'url_preview',
    context: { url: '…', preview_token: '…', open_message_id: 'om_574d', open_chat_id: 'oc_e4d2' },
  },
};

/** Every key path of a JSON value ("a.b[].c"); action value and form_value are user data, so they are leaves. */
function keyPaths(x: unknown, prefix = ''): string[] {
  if (Array.isArray(x)) return x.length ? keyPaths(x[0], `${prefix}[]`) : [];
  if (typeof x !== 'object' || x === null) return [prefix];
  return Object.entries(x).flatMap(([k, v]) =>
    k === 'form_value' || (k === 'value' && prefix.endsWith('.action')) ? [`${prefix}.${k}`] : keyPaths(v, `${prefix}.${k}`),
  );
}

const without = (paths: string[], optional: string[]) => paths.filter((p) => !optional.includes(p)).sort();

describe('Lark crypto as the stand-in uses it', () => {
  const VECTOR = 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=';

  it("Lark's published test vector decrypts to 'hello world' with decryptPayload and with the SDK's AESCipher", () => {
    expect(decryptPayload('test key', VECTOR)).toBe('hello world');
    expect(new lark.AESCipher('test key').decrypt(VECTOR)).toBe('hello world');
  });

  it("encryptPayload output decrypts with the SDK's AESCipher", () => {
    const plain = JSON.stringify({ schema: '2.0', text: '你好, world' });
    expect(new lark.AESCipher('some key').decrypt(encryptPayload('some key', plain))).toBe(plain);
  });
});

describe('pushed payloads have the documented shapes', () => {
  let s: LarkStandin;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    rx = await startReceiver(APP.encryptKey);
    s = await startStandin({ encryptKey: APP.encryptKey, botWebhookUrl: rx.url });
  });
  afterAll(async () => {
    await s.close();
    await rx.close();
  });

  it('im.message.receive_v1 has the same keys as the doc example (minus reply/thread/user-agent extras)', async () => {
    await s.sendText({
      from: ALICE.openId,
      chatId: GROUP,
      text: '@_user_1 hello',
      mentions: [{ key: '@_user_1', openId: s.botOpenId, name: 'Steward' }],
    });
    const env = rx.received.at(-1)!.plain;
    const optional = ['.event.message.root_id', '.event.message.parent_id', '.event.message.thread_id', '.event.message.user_agent'];
    expect(keyPaths(env).sort()).toEqual(without(keyPaths(DOC_MESSAGE), optional));
    expect(env.header).toMatchObject({
      event_type: 'im.message.receive_v1',
      token: APP.verificationToken,
      app_id: APP.appId,
      tenant_key: 'tenant_standin',
    });
    expect(env.header.event_id).toMatch(/^[0-9a-f]{32}$/);
    expect(env.header.create_time).toMatch(/^\d{13}$/);
    expect(env.event.message).toMatchObject({
      chat_id: GROUP,
      chat_type: 'group',
      message_type: 'text',
      content: '{"text":"@_user_1 hello"}',
    });
    expect(env.event.message.mentions[0]).toMatchObject({ key: '@_user_1', id: { open_id: s.botOpenId }, name: 'Steward' });
  });

  it('card.action.trigger has the same keys as the doc example (minus link-preview and non-form fields)', async () => {
    const res = await sdkSendCard(s);
    await s.submitForm({ messageId: res, user: ALICE.openId, values: { title: 'Leak' } });
    const env = rx.received.at(-1)!.plain;
    const optional = [
      '.event.delivery_type',
      '.event.context.url',
      '.event.context.preview_token',
      '.event.action.input_value',
      '.event.action.option',
      '.event.action.options[]',
      '.event.action.checked',
    ];
    expect(keyPaths(env).sort()).toEqual(without(keyPaths(DOC_CARD_ACTION), optional));
    expect(env.event.token).toMatch(/^c-[0-9a-f]{40}$/);
    expect(env.event.context).toEqual({ open_message_id: res, open_chat_id: s.p2pChatId(ALICE.openId) });
  });

  it("the SDK's EventDispatcher (its own signature check and decryption) accepts an encrypted, signed push", async () => {
    const dispatcher = new lark.EventDispatcher({ encryptKey: APP.encryptKey, loggerLevel: lark.LoggerLevel.error });
    const seen: Json[] = [];
    dispatcher.register({ 'im.message.receive_v1': async (data: Json) => void seen.push(data) });
    rx.respond(() => undefined);
    await s.sendText({ from: ALICE.openId, text: 'ping' });
    const r = rx.received.at(-1)!;
    const data = Object.assign(Object.create({ headers: r.headers }), JSON.parse(r.raw));
    await dispatcher.invoke(data);
    await until(() => seen.length === 1);
    expect(seen[0].message.content).toBe('{"text":"ping"}');
    expect(seen[0].message.chat_type).toBe('p2p');
    expect(seen[0].sender.sender_id.open_id).toBe(ALICE.openId);
  });
});

/** Sends the form card to Alice through the SDK and returns its message id. */
async function sdkSendCard(s: LarkStandin): Promise<string> {
  const res = await sdkClient(s).im.message.create({
    params: { receive_id_type: 'open_id' },
    data: { receive_id: ALICE.openId, msg_type: 'interactive', content: JSON.stringify(formCard()) },
  });
  return res.data!.message_id!;
}
