// Everything the stand-in remembers: options, directory, chats, messages, files, tokens, faults and the request log.
import type { Json } from './types.ts';
import { SlidingWindow, KeyedWindows } from './rate-limit.ts';
import { stableHex } from './ids.ts';
import type { ChatSpec, FaultSpec, RequestRecord, StandinOptions, StoredFile, StoredMessage, UserSpec } from './types.ts';

export interface ResolvedOptions {
  appId: string;
  appSecret: string;
  verificationToken: string;
  encryptKey?: string;
  now: () => number;
  tokenTtlSeconds: number;
  rateLimit: { appPerSecond: number; appPerMinute: number; perTargetPerSecond: number };
  redeliveryDelaysMs: number[];
  pushTimeoutMs: number;
  logger: boolean;
  socket: { pingInterval: number; reconnectCount: number; reconnectInterval: number; reconnectNonce: number };
}

export function resolveOptions(o: StandinOptions): ResolvedOptions {
  return {
    appId: o.appId,
    appSecret: o.appSecret,
    verificationToken: o.verificationToken,
    encryptKey: o.encryptKey || undefined,
    now: o.now ?? Date.now,
    tokenTtlSeconds: o.tokenTtlSeconds ?? 7200,
    rateLimit: {
      appPerSecond: o.rateLimit?.appPerSecond ?? 50,
      appPerMinute: o.rateLimit?.appPerMinute ?? 1000,
      perTargetPerSecond: o.rateLimit?.perTargetPerSecond ?? 5,
    },
    redeliveryDelaysMs: o.redeliveryDelaysMs ?? [15_000, 300_000, 3_600_000, 21_600_000],
    pushTimeoutMs: o.pushTimeoutMs ?? 3000,
    logger: o.logger ?? false,
    socket: {
      pingInterval: o.socket?.pingInterval ?? 120,
      reconnectCount: o.socket?.reconnectCount ?? -1,
      reconnectInterval: o.socket?.reconnectInterval ?? 120,
      reconnectNonce: o.socket?.reconnectNonce ?? 30,
    },
  };
}

export interface UserRecord {
  openId: string;
  name: string;
  email?: string;
  mobile?: string;
  userId: string;
  unionId: string;
  reachable: boolean;
}

export interface ChatRecord {
  chatId: string;
  name: string;
  members: string[];
  botMember: boolean;
  /** set for the user↔bot p2p chat: that user's open id */
  p2pOf?: string;
}

/** A message a user sent (pushed to the bot); the bot may reply to it or fetch its image. */
export interface UserMessage {
  messageId: string;
  chatId: string;
  from: string;
  msgType: string;
  content: Json;
  createTime: number;
  rootId?: string;
}

export interface CardToken {
  messageId: string;
  issuedAt: number;
  uses: number;
}

export class StandinState {
  readonly users = new Map<string, UserRecord>();
  readonly chats = new Map<string, ChatRecord>();
  readonly botMessages = new Map<string, StoredMessage>();
  readonly userMessages = new Map<string, UserMessage>();
  readonly images = new Map<string, { bytes: Buffer; messageId: string }>();
  /** files the bot uploaded (POST /im/v1/files), by file_key */
  readonly files = new Map<string, StoredFile>();
  readonly tenantTokens = new Map<string, number>(); // token → expiresAt (opts.now ms)
  readonly cardTokens = new Map<string, CardToken>();
  readonly uuids = new Map<string, { messageId: string; at: number }>();
  readonly requestLog: RequestRecord[] = [];
  readonly faults: FaultSpec[] = [];
  readonly appWindow = new SlidingWindow(60_000);
  readonly targetWindows = new KeyedWindows(1000);
  readonly botOpenId: string;
  webhookUrl?: string;
  /** how pushes reach the bot: its webhook, or the long connection */
  connection: 'webhook' | 'socket' = 'webhook';

  constructor(readonly opts: ResolvedOptions) {
    this.botOpenId = `ou_${stableHex(`bot:${opts.appId}`, 32)}`;
  }

  addUser(u: UserSpec): void {
    const rec: UserRecord = {
      openId: u.openId,
      name: u.name,
      email: u.email,
      mobile: u.mobile,
      userId: u.userId ?? stableHex(`user:${u.openId}`, 8),
      unionId: u.unionId ?? `on_${stableHex(`union:${u.openId}`, 32)}`,
      reachable: u.reachable ?? true,
    };
    this.users.set(u.openId, rec);
    const chatId = this.p2pChatId(u.openId);
    if (!this.chats.has(chatId)) this.chats.set(chatId, { chatId, name: '', members: [u.openId], botMember: true, p2pOf: u.openId });
  }

  addChat(c: ChatSpec): void {
    this.chats.set(c.chatId, { chatId: c.chatId, name: c.name, members: [...c.members], botMember: c.botMember ?? true });
  }

  p2pChatId(openId: string): string {
    return `oc_${stableHex(`p2p:${this.opts.appId}:${openId}`, 32)}`;
  }

  /** Finds a user by any of Lark's id types (open_id, user_id, union_id, email). */
  findUser(idType: string, id: string): UserRecord | undefined {
    if (idType === 'open_id') return this.users.get(id);
    for (const u of this.users.values()) {
      if (idType === 'user_id' && u.userId === id) return u;
      if (idType === 'union_id' && u.unionId === id) return u;
      if (idType === 'email' && u.email !== undefined && u.email.toLowerCase() === id.toLowerCase()) return u;
    }
    return undefined;
  }

  /** The id of a user in the requested id type. */
  idOf(u: UserRecord, idType: string): string {
    return idType === 'user_id' ? u.userId : idType === 'union_id' ? u.unionId : u.openId;
  }

  /** The chat id and root of any message (the bot's or a user's). */
  anyMessage(messageId: string): { chatId: string; rootId?: string; fromBot: boolean } | undefined {
    const b = this.botMessages.get(messageId);
    if (b) return { chatId: b.chatId, rootId: b.rootId, fromBot: true };
    const u = this.userMessages.get(messageId);
    return u ? { chatId: u.chatId, rootId: u.rootId, fromBot: false } : undefined;
  }

  /** The latest id and time of a message in a chat (for bot_p2p_chat_entered). */
  lastMessageIn(chatId: string): { messageId: string; createTime: number } | undefined {
    let last: { messageId: string; createTime: number } | undefined;
    for (const m of [...this.botMessages.values(), ...this.userMessages.values()]) {
      if (m.chatId === chatId && (!last || m.createTime >= last.createTime)) last = { messageId: m.messageId, createTime: m.createTime };
    }
    return last;
  }

  /** Forgets users, chats, messages, files, faults and the request log (issued tenant tokens and rate windows stay). */
  reset(): void {
    for (const m of [this.users, this.chats, this.botMessages, this.userMessages, this.images, this.files, this.cardTokens, this.uuids])
      m.clear();
    this.requestLog.length = 0;
    this.faults.length = 0;
  }

  /** Takes one use of the first fault matching this request, if any. */
  takeFault(path: string, method: string): FaultSpec | undefined {
    const f = this.faults.find((x) => x.times > 0 && (!x.method || x.method.toUpperCase() === method) && faultMatches(x.path, path));
    if (!f) return undefined;
    f.times--;
    if (f.times <= 0) this.faults.splice(this.faults.indexOf(f), 1);
    return f;
  }
}

/** A string matches the path with or without the '/open-apis' prefix; a RegExp is tested against the full path. */
function faultMatches(pattern: string | RegExp, path: string): boolean {
  if (typeof pattern !== 'string') {
    pattern.lastIndex = 0;
    return pattern.test(path);
  }
  return pattern === path || `/open-apis${pattern}` === path;
}

/** The card a message shows now: the last update, or the original content. */
export const latestContent = (m: StoredMessage): Json => (m.updates.length ? m.updates[m.updates.length - 1] : m.content);
