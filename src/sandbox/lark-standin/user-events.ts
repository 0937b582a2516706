// What users do, pushed to the bot: text and image messages, bot added/removed, DM opened, and the URL challenge.
import { randomUUID } from 'node:crypto';
import { encodeBody, push, userIds, type PushContext } from './envelope.ts';
import { newEventId, newImageKey, newMessageId, TENANT_KEY } from './ids.ts';
import { tinyPng } from './png.ts';
import type { ChatRecord, StandinState, UserMessage } from './state.ts';
import type { PushOptions, PushResult, UrlVerificationOptions } from './types.ts';

function requireUser(state: StandinState, openId: string) {
  const u = state.users.get(openId);
  if (!u) throw new Error(`lark stand-in: unknown user ${openId} (addUser first)`);
  return u;
}

/** The chat a user writes in: their p2p chat by default, else a known chat Lark would push from. */
function chatOf(state: StandinState, from: string, chatId?: string): ChatRecord {
  const chat = state.chats.get(chatId ?? state.p2pChatId(from));
  if (!chat) throw new Error(`lark stand-in: unknown chat ${chatId} (addChat first)`);
  if (chat.p2pOf && chat.p2pOf !== from) throw new Error(`lark stand-in: ${chatId} is the p2p chat of ${chat.p2pOf}, not of ${from}`);
  if (!chat.p2pOf && !chat.botMember) throw new Error(`lark stand-in: the bot is not in ${chatId}; Lark would not push this message`);
  return chat;
}

async function userMessage(
  ctx: PushContext,
  p: { from: string; chatId?: string },
  msgType: string,
  content: object,
  mentions: object[],
  opts: PushOptions,
  onStored?: (m: UserMessage) => void,
): Promise<PushResult> {
  const { state } = ctx;
  return push(
    ctx,
    'im.message.receive_v1',
    () => {
      requireUser(state, p.from);
      const chat = chatOf(state, p.from, p.chatId);
      const m: UserMessage = {
        messageId: newMessageId(),
        chatId: chat.chatId,
        from: p.from,
        msgType,
        content,
        createTime: state.opts.now(),
      };
      state.userMessages.set(m.messageId, m);
      onStored?.(m);
      const message = {
        message_id: m.messageId,
        create_time: String(m.createTime),
        update_time: String(m.createTime),
        chat_id: chat.chatId,
        chat_type: chat.p2pOf ? 'p2p' : 'group',
        message_type: msgType,
        content: JSON.stringify(content),
        ...(mentions.length ? { mentions } : {}),
      };
      return { sender: { sender_id: userIds(state, p.from), sender_type: 'user', tenant_key: TENANT_KEY }, message };
    },
    opts,
    { redeliver: true },
  );
}

export function sendText(
  ctx: PushContext,
  p: { from: string; text: string; chatId?: string; mentions?: { key: string; openId: string; name: string }[] },
  opts: PushOptions = {},
): Promise<PushResult> {
  const mentions = (p.mentions ?? []).map((x) => ({ key: x.key, id: userIds(ctx.state, x.openId), name: x.name, tenant_key: TENANT_KEY }));
  return userMessage(ctx, p, 'text', { text: p.text }, mentions, opts);
}

export function sendImage(
  ctx: PushContext,
  p: { from: string; imageKey?: string; chatId?: string },
  opts: PushOptions = {},
): Promise<PushResult> {
  const imageKey = p.imageKey ?? newImageKey();
  return userMessage(ctx, p, 'image', { image_key: imageKey }, [], opts, (m) =>
    ctx.state.images.set(imageKey, { bytes: tinyPng(imageKey), messageId: m.messageId }),
  );
}

/** im.chat.member.bot.added_v1 / deleted_v1; also flips the bot's membership (an unknown chat is created on add). */
export function botMembership(
  ctx: PushContext,
  added: boolean,
  p: { chatId: string; operator: string; name?: string },
  opts: PushOptions = {},
): Promise<PushResult> {
  const { state } = ctx;
  let chat = state.chats.get(p.chatId);
  if (!chat && !added) throw new Error(`lark stand-in: unknown chat ${p.chatId}`);
  if (!chat) state.addChat({ chatId: p.chatId, name: p.name ?? p.chatId, members: [p.operator] });
  chat = state.chats.get(p.chatId)!;
  chat.botMember = added;
  const name = p.name ?? chat.name;
  const event = {
    chat_id: p.chatId,
    operator_id: userIds(state, p.operator),
    external: false,
    operator_tenant_key: TENANT_KEY,
    name,
    i18n_names: { zh_cn: name, en_us: name, ja_jp: name },
  };
  return push(ctx, added ? 'im.chat.member.bot.added_v1' : 'im.chat.member.bot.deleted_v1', () => event, opts, { redeliver: true });
}

export function p2pEntered(ctx: PushContext, p: { openId: string }, opts: PushOptions = {}): Promise<PushResult> {
  const { state } = ctx;
  requireUser(state, p.openId);
  const chatId = state.p2pChatId(p.openId);
  const last = state.lastMessageIn(chatId);
  const event = {
    chat_id: chatId,
    operator_id: userIds(state, p.openId),
    last_message_id: last?.messageId ?? '',
    last_message_create_time: last ? String(last.createTime) : '',
  };
  return push(ctx, 'im.chat.access_event.bot_p2p_chat_entered_v1', () => event, opts, { redeliver: true });
}

/** {challenge, token, type:'url_verification'}; ok only if the bot answers 200 with that challenge within 1 s. */
export async function urlVerification(ctx: PushContext, opts: UrlVerificationOptions = {}): Promise<PushResult> {
  const { state } = ctx;
  const challenge = randomUUID();
  const plaintext = JSON.stringify({ challenge, token: opts.token ?? state.opts.verificationToken, type: 'url_verification' });
  const body = encodeBody(state, plaintext, opts.encrypt);
  const res = await ctx.deliverer.deliver({
    body,
    eventId: newEventId(),
    signature: opts.signed ? 'valid' : 'missing',
    redeliver: false,
    timeoutMs: 1000,
  });
  let echoed: unknown;
  try {
    echoed = JSON.parse(res.body)?.challenge;
  } catch {
    echoed = undefined;
  }
  return { ...res, ok: res.status === 200 && echoed === challenge };
}
