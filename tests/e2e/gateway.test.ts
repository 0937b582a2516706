// The whole path over HTTP: stand-in → signed, encrypted push → webhook → handler → outbox → SDK → stand-in.
import type { Json } from '../../src/sandbox/lark-standin/index.ts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cardActions, chats, inboundEvents, outbox, personSettings } from '../../src/db/schema/index.ts';
import { DRIVERS } from '../helpers/test-db.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';

const cardTitle = (content: Json): string | undefined => content?.header?.title?.content;

describe.each(DRIVERS)('the Lark gateway end to end on %s', (driver) => {
  const w = useLarkWorld(driver);
  const count = async (table: Json) => (await w.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

  it('a manager writes 帮助 in the p2p chat and gets the help card back', async () => {
    const push = await w.standin.sendText({ from: 'ou_m1', text: '帮助' });
    expect(push.status).toBe(200);
    await w.settle();
    const msgs = w.standin.messages({ chatId: w.standin.p2pChatId('ou_m1') }).filter((m) => m.msgType === 'interactive');
    expect(msgs).toHaveLength(1);
    expect(cardTitle(msgs[0]!.content)).toBe('物服管家 · 使用说明');
    expect(JSON.stringify(msgs[0]!.content)).toContain('张伟，您好');
  });

  it('an @-mention in a group is answered in the group, as a reply to the message', async () => {
    w.standin.addChat({ chatId: 'oc_c001', name: '阳光花园', members: ['ou_m1', 'ou_v1'] });
    await w.standin.sendText({
      from: 'ou_v1',
      chatId: 'oc_c001',
      text: '@_user_1 帮助',
      mentions: [{ key: '@_user_1', openId: w.standin.botOpenId, name: '物服管家' }],
    });
    await w.standin.sendText({ from: 'ou_m1', chatId: 'oc_c001', text: '大家好' }); // not addressed to the bot: no answer
    await w.settle();
    expect(w.standin.messages({ chatId: 'oc_c001' })).toHaveLength(1);
    const [reply] = w.standin.messages({ chatId: 'oc_c001' });
    expect(reply).toBeDefined();
    expect(reply!.parentId).toBeTruthy();
    expect(JSON.stringify(reply!.content)).toContain('王芳，您好');
  });

  it('settings through a card form: 设置 → form card → submit → toast and receipt replace the card, stored once', async () => {
    await w.standin.sendText({ from: 'ou_m1', text: '设置' });
    await w.settle();
    const card = w.standin.messages({ chatId: w.standin.p2pChatId('ou_m1') }).at(-1)!;
    expect(cardTitle(card.content)).toBe('个人设置');

    // a double click: two submits of the same form leave the phone before the first answer arrives
    const values = { morning_time: '09:00 +0800' };
    const results = await Promise.all([
      w.standin.submitForm({ messageId: card.messageId, user: 'ou_m1', values }),
      w.standin.submitForm({ messageId: card.messageId, user: 'ou_m1', values }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.map((r) => r.toast?.content).sort()).toEqual(['已保存', '已收到，无需重复提交']);
    expect(cardTitle(w.standin.message(card.messageId)!.updates.at(-1))).toBe('个人设置 · 已保存');
    const saved = await w.db.select().from(personSettings);
    expect(saved).toEqual([expect.objectContaining({ personId: 'm1', morningTime: '09:00' })]);
    expect(await count(cardActions)).toBe(1);
  });

  it('a form with its required field empty never reaches the bot', async () => {
    await w.standin.sendText({ from: 'ou_m1', text: '设置' });
    await w.settle();
    const card = w.standin.messages({ chatId: w.standin.p2pChatId('ou_m1') }).at(-1)!;
    const result = await w.standin.submitForm({ messageId: card.messageId, user: 'ou_m1', values: { morning_time: '' } });
    expect(result.blocked).toBe('有必填项未填写');
    expect(await count(cardActions)).toBe(0);
  });

  it('a stranger gets a polite refusal and nothing is stored for them', async () => {
    w.standin.addUser({ openId: 'ou_nobody', name: '路人' });
    await w.standin.sendText({ from: 'ou_nobody', text: '日报' });
    await w.settle();
    const [msg] = w.standin.messages({ chatId: w.standin.p2pChatId('ou_nobody') });
    expect(msg!.content.text).toMatch(/不在公司的组织名单中/);
  });

  it('a forged signature is refused (401) and nothing is handled', async () => {
    const push = await w.standin.sendText({ from: 'ou_m1', text: '帮助' }, { signature: 'forged', redeliver: false });
    expect(push.status).toBe(401);
    const missing = await w.standin.sendText({ from: 'ou_m1', text: '帮助' }, { signature: 'missing', redeliver: false });
    expect(missing.status).toBe(401);
    await w.settle();
    expect(await count(inboundEvents)).toBe(0);
    expect(w.standin.messages()).toHaveLength(0);
  });

  it('a wrong verification token is refused (401)', async () => {
    const push = await w.standin.sendText({ from: 'ou_m1', text: '帮助' }, { token: 'not-the-token', redeliver: false });
    expect(push.status).toBe(401);
    await w.settle();
    expect(w.standin.messages()).toHaveLength(0);
  });

  it('a replayed event (Lark re-sending the same event_id) is acknowledged and answered once', async () => {
    const first = await w.standin.sendText({ from: 'ou_m1', text: '帮助' }, { eventId: 'evt_replayed_0001' });
    const again = await w.standin.sendText({ from: 'ou_m1', text: '帮助' }, { eventId: 'evt_replayed_0001' });
    expect([first.status, again.status]).toEqual([200, 200]);
    await w.settle();
    expect(w.standin.messages()).toHaveLength(1);
  });

  it('the url verification of the console is answered', async () => {
    expect((await w.standin.urlVerification()).ok).toBe(true);
    expect((await w.standin.urlVerification({ encrypt: false })).ok).toBe(true);
  });

  it('an expired tenant token is refreshed and the message still goes out, once', async () => {
    await w.standin.sendText({ from: 'ou_m1', text: '帮助' });
    await w.settle();
    w.standin.expireTokens();
    await w.standin.sendText({ from: 'ou_v1', text: '帮助' });
    await w.settle();
    expect(w.standin.messages()).toHaveLength(2);
    // the rejected token was noticed (99991663), a new one fetched, and the send retried
    const log = w.standin.requests();
    const rejected = log.findIndex((r) => r.code === 99991663);
    expect(rejected).toBeGreaterThanOrEqual(0);
    expect(log.slice(rejected).some((r) => r.path.includes('tenant_access_token') && r.status === 200)).toBe(true);
    const [row] = await w.db
      .select()
      .from(outbox)
      .where(sql`${outbox.target} = ${w.standin.p2pChatId('ou_v1')}`);
    expect(row).toMatchObject({ status: 'sent' });
  });

  it('the bot added to a group remembers the group and greets it; removed, it forgets its membership', async () => {
    w.standin.addChat({ chatId: 'oc_new', name: '品质群', members: ['ou_q1'], botMember: true });
    await w.standin.botAdded({ chatId: 'oc_new', operator: 'ou_q1', name: '品质群' });
    await w.settle();
    const [chat] = await w.db.select().from(chats).where(sql`${chats.chatId} = 'oc_new'`);
    expect(chat).toMatchObject({ name: '品质群', botMember: true });
    expect(cardTitle(w.standin.messages({ chatId: 'oc_new' })[0]!.content)).toBe('物服管家已加入本群');
    await w.standin.botRemoved({ chatId: 'oc_new', operator: 'ou_q1', name: '品质群' });
    await w.settle();
    const [after] = await w.db.select().from(chats).where(sql`${chats.chatId} = 'oc_new'`);
    expect(after!.botMember).toBe(false);
  });

  it('a person opening the chat gets the welcome card once, however often they open it', async () => {
    await w.standin.p2pEntered({ openId: 'ou_m1' });
    await w.standin.p2pEntered({ openId: 'ou_m1' });
    await w.settle();
    const msgs = w.standin.messages({ chatId: w.standin.p2pChatId('ou_m1') });
    expect(msgs).toHaveLength(1);
    expect(JSON.stringify(msgs[0]!.content)).toContain('物业服务中心经理');
    expect(JSON.stringify(msgs[0]!.content)).toContain('阳光花园物业服务中心');
  });
});
