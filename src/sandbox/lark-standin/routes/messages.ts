// POST /im/v1/messages (send) and POST /im/v1/messages/:message_id/reply: checks (a file message's key too), uuid de-duplication, per-target limit.
import { performance } from 'node:perf_hooks';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { checkContent } from '../content.ts';
import { bodyOf, fail, queryOf, sendJson } from '../http.ts';
import { newMessageId, TENANT_KEY } from '../ids.ts';
import type { ChatRecord, StandinState } from '../state.ts';
import type { Json, StoredMessage } from '../types.ts';

const RECEIVE_ID_TYPES = ['open_id', 'user_id', 'union_id', 'email', 'chat_id'];
const UUID_WINDOW_MS = 60 * 60_000;

/** The `data` Lark returns for a message. */
function messageData(state: StandinState, m: StoredMessage): object {
  return {
    message_id: m.messageId,
    root_id: m.rootId ?? '',
    parent_id: m.parentId ?? '',
    msg_type: m.msgType,
    create_time: String(m.createTime),
    update_time: String(m.createTime),
    deleted: false,
    updated: m.updates.length > 0,
    chat_id: m.chatId,
    sender: { id: state.opts.appId, id_type: 'app_id', sender_type: 'app', tenant_key: TENANT_KEY },
    body: { content: m.rawContent },
    mentions: [],
  };
}

type Target = { chat: ChatRecord; receiveId: string; receiveIdType: string } | { code: number };

/** Where a send goes: the chat (a p2p chat for users), or the error code that stops it. */
function resolveTarget(state: StandinState, idType: string, id: string): Target {
  if (idType === 'chat_id') {
    const chat = state.chats.get(id);
    if (!chat) return { code: 230034 };
    return chatProblem(state, chat) ?? { chat, receiveId: id, receiveIdType: idType };
  }
  const user = state.findUser(idType, id);
  if (!user) return { code: 230034 };
  if (!user.reachable) return { code: 230013 };
  return { chat: state.chats.get(state.p2pChatId(user.openId))!, receiveId: id, receiveIdType: idType };
}

/** 230013 for an unreachable p2p user, 230002 for a group without the bot. */
function chatProblem(state: StandinState, chat: ChatRecord): { code: number } | undefined {
  if (chat.p2pOf) return state.users.get(chat.p2pOf)?.reachable === false ? { code: 230013 } : undefined;
  return chat.botMember ? undefined : { code: 230002 };
}

interface Draft {
  chat: ChatRecord;
  receiveId: string;
  receiveIdType: string;
  msgType: string;
  content: Json;
  raw: string;
  uuid?: string;
  rootId?: string;
  parentId?: string;
}

function store(state: StandinState, reply: FastifyReply, d: Draft): FastifyReply {
  if (!state.targetWindows.tryHit(`chat:${d.chat.chatId}`, state.opts.rateLimit.perTargetPerSecond, performance.now()))
    return fail(reply, 230020);
  const m: StoredMessage = {
    messageId: newMessageId(),
    chatId: d.chat.chatId,
    receiveId: d.receiveId,
    receiveIdType: d.receiveIdType,
    msgType: d.msgType,
    content: d.content,
    rawContent: d.raw,
    uuid: d.uuid,
    createTime: state.opts.now(),
    rootId: d.rootId,
    parentId: d.parentId,
    updates: [],
    urgent: [],
  };
  state.botMessages.set(m.messageId, m);
  if (d.uuid) state.uuids.set(d.uuid, { messageId: m.messageId, at: m.createTime });
  return sendJson(reply, 200, { code: 0, msg: 'success', data: messageData(state, m) });
}

/** A file message must name a file_key the bot uploaded; the reason when it does not. */
function missingFile(state: StandinState, msgType: string, content: Json): string | undefined {
  if (msgType !== 'file') return undefined;
  if (typeof content.file_key !== 'string' || !content.file_key) return 'invalid message content: file_key is required';
  return state.files.has(content.file_key) ? undefined : `invalid file_key: ${content.file_key}`;
}

/** The earlier message sent with this uuid within the hour, if any. */
function duplicateOf(state: StandinState, uuid: unknown): StoredMessage | undefined {
  if (typeof uuid !== 'string' || !uuid) return undefined;
  const seen = state.uuids.get(uuid);
  if (!seen || state.opts.now() - seen.at > UUID_WINDOW_MS) return undefined;
  return state.botMessages.get(seen.messageId);
}

/** What send and reply check alike: the uuid, the content, a file's key; or the earlier message of the same uuid. */
type Checked = { fail: { code: number; msg: string } } | { dup: StoredMessage } | { content: Json };

function checkMessage(state: StandinState, b: ReturnType<typeof bodyOf>): Checked {
  if (b.uuid !== undefined && (typeof b.uuid !== 'string' || b.uuid.length > 50))
    return { fail: { code: 99992402, msg: 'field validation failed: uuid' } };
  const checked = checkContent(b.msg_type, b.content, Buffer.byteLength(JSON.stringify(b), 'utf8'));
  if (!checked.ok) return { fail: { code: checked.code, msg: checked.msg } };
  const missing = missingFile(state, b.msg_type, checked.content);
  if (missing) return { fail: { code: 230001, msg: missing } };
  const dup = duplicateOf(state, b.uuid);
  if (dup) return { dup };
  return { content: checked.content };
}

export function registerMessages(app: FastifyInstance, state: StandinState): void {
  app.post('/open-apis/im/v1/messages', async (req, reply) => {
    const idType = queryOf(req).receive_id_type ?? '';
    if (!RECEIVE_ID_TYPES.includes(idType)) return fail(reply, 99992402, 'field validation failed: receive_id_type');
    const b = bodyOf(req);
    if (typeof b.receive_id !== 'string' || !b.receive_id) return fail(reply, 99992402, 'field validation failed: receive_id is required');
    const checked = checkMessage(state, b);
    if ('fail' in checked) return fail(reply, checked.fail.code, checked.fail.msg);
    if ('dup' in checked) return sendJson(reply, 200, { code: 0, msg: 'success', data: messageData(state, checked.dup) });
    const target = resolveTarget(state, idType, b.receive_id);
    if ('code' in target) return fail(reply, target.code);
    return store(state, reply, { ...target, msgType: b.msg_type, content: checked.content, raw: b.content, uuid: b.uuid });
  });

  app.post<{ Params: { message_id: string } }>('/open-apis/im/v1/messages/:message_id/reply', async (req, reply) => {
    const parentId = req.params.message_id;
    const parent = state.anyMessage(parentId);
    if (!parent) return fail(reply, 230001, `invalid message_id: ${parentId}`);
    const b = bodyOf(req);
    const checked = checkMessage(state, b);
    if ('fail' in checked) return fail(reply, checked.fail.code, checked.fail.msg);
    if ('dup' in checked) return sendJson(reply, 200, { code: 0, msg: 'success', data: messageData(state, checked.dup) });
    const chat = state.chats.get(parent.chatId)!;
    const problem = chatProblem(state, chat);
    if (problem) return fail(reply, problem.code);
    return store(state, reply, {
      chat,
      receiveId: chat.chatId,
      receiveIdType: 'chat_id',
      msgType: b.msg_type,
      content: checked.content,
      raw: b.content,
      uuid: b.uuid,
      rootId: parent.rootId ?? parentId,
      parentId,
    });
  });
}
