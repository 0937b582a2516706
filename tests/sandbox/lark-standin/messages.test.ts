// Messaging endpoints through the real SDK: send, reply, patch, uuid de-duplication, errors, urgent, contacts, images.
import type { Json } from '../../../src/sandbox/lark-standin/index.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { LarkStandin } from '../../../src/sandbox/lark-standin/index.ts';
import { ALICE, APP, BOB, formCard, GROUP, larkError, sdkClient, startReceiver, startStandin, text } from './helpers.ts';

let s: LarkStandin;
let client: lark.Client;
beforeEach(async () => {
  s = await startStandin();
  client = sdkClient(s);
});
afterEach(() => s.close());

type IdType = 'open_id' | 'chat_id' | 'email' | 'user_id' | 'union_id';
const send = (receive_id: string, msg_type: string, content: string, receive_id_type: IdType = 'open_id', uuid?: string) =>
  client.im.message.create({ params: { receive_id_type }, data: { receive_id, msg_type, content, ...(uuid ? { uuid } : {}) } });
const card = JSON.stringify(formCard());

describe('sending messages', () => {
  it("a text to a user lands in the p2p chat and the answer has Lark's data shape", async () => {
    const res = await send(ALICE.openId, 'text', text('hello'));
    expect(res).toMatchObject({ code: 0, msg: 'success' });
    expect(res.data).toMatchObject({
      message_id: expect.stringMatching(/^om_[0-9a-f]{32}$/),
      root_id: '',
      parent_id: '',
      msg_type: 'text',
      deleted: false,
      updated: false,
      chat_id: s.p2pChatId(ALICE.openId),
      sender: { id: 'cli_a1b2c3d4e5f60718', id_type: 'app_id', sender_type: 'app', tenant_key: 'tenant_standin' },
      body: { content: text('hello') },
      mentions: [],
    });
    const stored = s.message(res.data!.message_id!)!;
    expect(stored).toMatchObject({
      chatId: s.p2pChatId(ALICE.openId),
      receiveId: ALICE.openId,
      receiveIdType: 'open_id',
      msgType: 'text',
      content: { text: 'hello' },
    });
  });

  it('an interactive 2.0 card goes to a user by email and to a group by chat id', async () => {
    await send(ALICE.email, 'interactive', card, 'email');
    await send(GROUP, 'interactive', card, 'chat_id');
    expect(s.messages({ receiveId: ALICE.email })[0].content.schema).toBe('2.0');
    expect(s.messages({ chatId: GROUP })).toHaveLength(1);
    expect(s.messages().map((m) => m.chatId)).toEqual([s.p2pChatId(ALICE.openId), GROUP]);
  });

  it("a reply goes into the parent's chat with root_id and parent_id", async () => {
    const first = await send(GROUP, 'text', text('root'), 'chat_id');
    const rootId = first.data!.message_id!;
    const r1 = await client.im.message.reply({ path: { message_id: rootId }, data: { msg_type: 'text', content: text('r1') } });
    const r2 = await client.im.message.reply({
      path: { message_id: r1.data!.message_id! },
      data: { msg_type: 'text', content: text('r2') },
    });
    expect(r1.data).toMatchObject({ chat_id: GROUP, root_id: rootId, parent_id: rootId });
    expect(r2.data).toMatchObject({ chat_id: GROUP, root_id: rootId, parent_id: r1.data!.message_id });
  });

  it("the bot can reply to a user's message, in that user's p2p chat", async () => {
    const rx = await startReceiver();
    s.setBotWebhookUrl(rx.url);
    await s.sendText({ from: BOB.openId, text: 'question' });
    const userMessageId = rx.received[0].plain.event.message.message_id;
    const res = await client.im.message.reply({ path: { message_id: userMessageId }, data: { msg_type: 'text', content: text('answer') } });
    expect(res.data).toMatchObject({ chat_id: s.p2pChatId(BOB.openId), root_id: userMessageId, parent_id: userMessageId });
    expect(s.messages({ chatId: s.p2pChatId(BOB.openId) })).toHaveLength(1);
    await rx.close();
  });

  it('a second send with the same uuid returns the first message and stores nothing new', async () => {
    const a = await send(ALICE.openId, 'text', text('once'), 'open_id', 'uuid-1');
    const b = await send(ALICE.openId, 'text', text('once'), 'open_id', 'uuid-1');
    expect(b.data!.message_id).toBe(a.data!.message_id);
    expect(s.messages()).toHaveLength(1);
    expect(s.messages()[0].uuid).toBe('uuid-1');
  });

  it('a group without the bot answers 230002, an unknown chat or user 230034', async () => {
    s.setBotMember(GROUP, false);
    expect(await larkError(send(GROUP, 'text', text('x'), 'chat_id'))).toMatchObject({ status: 400, code: 230002 });
    expect(await larkError(send('oc_nowhere', 'text', text('x'), 'chat_id'))).toMatchObject({ status: 400, code: 230034 });
    expect(await larkError(send('ou_nobody', 'text', text('x')))).toMatchObject({ status: 400, code: 230034 });
    expect(s.messages()).toHaveLength(0);
  });

  it('a user the bot cannot reach answers 230013', async () => {
    s.addUser({ openId: 'ou_far', name: 'Far', reachable: false });
    expect(await larkError(send('ou_far', 'text', text('x')))).toMatchObject({ status: 400, code: 230013 });
  });

  it('a card over 30 KB or a text over 150 KB answers 230025', async () => {
    const big = { schema: '2.0', body: { elements: [{ tag: 'markdown', content: 'x'.repeat(31 * 1024) }] } };
    expect(await larkError(send(ALICE.openId, 'interactive', JSON.stringify(big)))).toMatchObject({ code: 230025 });
    expect(await larkError(send(ALICE.openId, 'text', text('y'.repeat(151 * 1024))))).toMatchObject({ code: 230025 });
    expect(await send(ALICE.openId, 'text', text('y'.repeat(100 * 1024)))).toMatchObject({ code: 0 });
  });

  it('a card the validator refuses answers 230099 with its issues, on send, reply and PATCH alike', async () => {
    const bad = JSON.stringify({ schema: '2.0', body: { elements: [{ tag: 'markdown', content: 'x', color: 'red' }] } });
    const refused = { code: 230099, msg: expect.stringContaining('ErrCode: 200621') };
    expect(await larkError(send(ALICE.openId, 'interactive', bad))).toMatchObject(refused);
    const id = (await send(ALICE.openId, 'interactive', card)).data!.message_id!;
    expect(
      await larkError(client.im.message.reply({ path: { message_id: id }, data: { msg_type: 'interactive', content: bad } })),
    ).toMatchObject(refused);
    const err = await larkError(client.im.message.patch({ path: { message_id: id }, data: { content: bad } }));
    expect(err).toMatchObject(refused);
    expect(JSON.stringify(err)).toContain('markdown has no property color');
    expect(s.message(id)!.updates).toEqual([]);
  });

  it('past 200 elements, plain_text included, the 230099 message names sub-code 11310 "element exceeds the limit"', async () => {
    // 100 buttons with their plain_text: 200 elements in the body
    const buttons = Array.from({ length: 100 }, (_, i) => ({
      tag: 'button',
      name: `b${i}`,
      text: { tag: 'plain_text', content: 'x' },
      behaviors: [{ type: 'callback', value: {} }],
    }));
    const ok = { schema: '2.0', body: { elements: buttons } };
    expect(await send(ALICE.openId, 'interactive', JSON.stringify(ok))).toMatchObject({ code: 0 });
    const over = { ...ok, header: { title: { tag: 'plain_text', content: '标题' } } };
    expect(await larkError(send(ALICE.openId, 'interactive', JSON.stringify(over)))).toMatchObject({
      code: 230099,
      msg: expect.stringContaining('ErrCode: 11310; ErrMsg: element exceeds the limit'),
    });
  });

  it('a card with more than 200 components, or content that is no card, answers 230099', async () => {
    const many = { schema: '2.0', body: { elements: Array.from({ length: 201 }, () => ({ tag: 'hr' })) } };
    expect(await larkError(send(ALICE.openId, 'interactive', JSON.stringify(many)))).toMatchObject({ code: 230099 });
    expect(await larkError(send(ALICE.openId, 'interactive', 'not json'))).toMatchObject({ code: 230099 });
    expect(await larkError(send(ALICE.openId, 'interactive', '[1,2]'))).toMatchObject({ code: 230099 });
    expect(await larkError(send(ALICE.openId, 'carrier_pigeon', text('x')))).toMatchObject({ code: 230001 });
  });
});

describe('changing sent messages', () => {
  it('PATCH replaces a card and records the new content in updates', async () => {
    const id = (await send(ALICE.openId, 'interactive', card)).data!.message_id!;
    const next = { ...formCard(), header: { title: { tag: 'plain_text', content: 'Done' } } };
    const res = await client.im.message.patch({ path: { message_id: id }, data: { content: JSON.stringify(next) } });
    expect(res).toMatchObject({ code: 0 });
    expect(s.message(id)!.updates).toEqual([next]);
  });

  it('PATCH refuses a text message (230001) and a 1.0 card over a 2.0 card (230099)', async () => {
    const textId = (await send(ALICE.openId, 'text', text('x'))).data!.message_id!;
    const cardId = (await send(ALICE.openId, 'interactive', card)).data!.message_id!;
    const v1 = JSON.stringify({ config: { update_multi: true }, elements: [{ tag: 'markdown', content: 'old style' }] });
    expect(await larkError(client.im.message.patch({ path: { message_id: textId }, data: { content: v1 } }))).toMatchObject({
      code: 230001,
    });
    expect(await larkError(client.im.message.patch({ path: { message_id: cardId }, data: { content: v1 } }))).toMatchObject({
      code: 230099,
    });
    expect(s.message(cardId)!.updates).toEqual([]);
  });

  it('urgent_app buzzes chat members and lists the others as invalid; all invalid answers 230001', async () => {
    const id = (await send(GROUP, 'text', text('wake up'), 'chat_id')).data!.message_id!;
    const res = await client.im.message.urgentApp({
      path: { message_id: id },
      params: { user_id_type: 'open_id' },
      data: { user_id_list: [ALICE.openId, 'ou_stranger'] },
    });
    expect(res).toMatchObject({ code: 0, data: { invalid_user_id_list: ['ou_stranger'] } });
    expect(s.message(id)!.urgent).toEqual([ALICE.openId]);
    const none = client.im.message.urgentApp({
      path: { message_id: id },
      params: { user_id_type: 'open_id' },
      data: { user_id_list: ['ou_stranger'] },
    });
    expect(await larkError(none)).toMatchObject({ code: 230001 });
  });
});

describe('directory and resources', () => {
  it('batch_get_id resolves a known email and returns an unknown one without user_id', async () => {
    const res = await client.contact.user.batchGetId({
      params: { user_id_type: 'open_id' },
      data: { emails: [ALICE.email, 'nobody@example.com'], mobiles: [ALICE.mobile] },
    });
    expect(res.code).toBe(0);
    expect(res.data!.user_list).toEqual([
      expect.objectContaining({ user_id: ALICE.openId, email: ALICE.email }),
      { email: 'nobody@example.com' },
      expect.objectContaining({ user_id: ALICE.openId, mobile: ALICE.mobile }),
    ]);
  });

  it('a user and the members of a chat can be looked up, and the bot knows its own open id', async () => {
    const user = await client.contact.user.get({ path: { user_id: BOB.openId }, params: { user_id_type: 'open_id' } });
    expect(user.data!.user).toMatchObject({ open_id: BOB.openId, name: 'Bob', email: BOB.email });
    const members = await client.im.chatMembers.get({ path: { chat_id: GROUP }, params: { member_id_type: 'open_id', page_size: 1 } });
    expect(members.data).toMatchObject({ items: [{ member_id: ALICE.openId, name: 'Alice' }], has_more: true, member_total: 2 });
    const info = (await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as Json;
    expect(info.bot.open_id).toBe(s.botOpenId);
  });

  it('the image a user sent can be downloaded through the message resource API; an unknown key answers 234003', async () => {
    const rx = await startReceiver();
    s.setBotWebhookUrl(rx.url);
    await s.sendImage({ from: BOB.openId, imageKey: 'img_v3_test' });
    const messageId = rx.received[0].plain.event.message.message_id;
    const file = await client.im.messageResource.get({
      path: { message_id: messageId, file_key: 'img_v3_test' },
      params: { type: 'image' },
    });
    const chunks: Buffer[] = [];
    for await (const c of file.getReadableStream()) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    const res = await fetch(`${s.url}/open-apis/im/v1/messages/${messageId}/resources/img_v3_nope?type=image`, {
      headers: { authorization: `Bearer ${await tokenOf(s)}` },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe(234003);
    await rx.close();
  });
});

async function tokenOf(s: LarkStandin): Promise<string> {
  const res = await fetch(`${s.url}/open-apis/auth/v3/tenant_access_token/internal`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app_id: APP.appId, app_secret: APP.appSecret }),
  });
  return (await res.json()).tenant_access_token;
}
