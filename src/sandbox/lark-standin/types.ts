// The stand-in's public types: options, the handle tests drive, and the records it keeps.
import type { FastifyInstance } from 'fastify';

/**
 * JSON as the bot sent it (a card, a message's content, a request body): the stand-in and the tests read it field by
 * field, as Feishu does; its shape is checked by the card validator and the API's own checks, not by TypeScript.
 */
// biome-ignore lint/suspicious/noExplicitAny: the one deliberate `any` of the code base, for JSON of any shape (see above)
export type Json = any;

export interface StandinOptions {
  appId: string;
  appSecret: string;
  verificationToken: string;
  /** When set, pushes are encrypted and signed. */
  encryptKey?: string;
  /** Where pushes go; can be set later with setBotWebhookUrl. */
  botWebhookUrl?: string;
  /** ms clock for token expiry and card-token expiry (default Date.now); rate limits use performance.now. */
  now?: () => number;
  tokenTtlSeconds?: number;
  rateLimit?: { appPerSecond?: number; appPerMinute?: number; perTargetPerSecond?: number };
  redeliveryDelaysMs?: number[];
  pushTimeoutMs?: number;
  logger?: boolean;
  /**
   * How pushes reach the bot, as the app's console says: 'webhook' (POSTs to botWebhookUrl, the default) or 'socket'
   * (data frames over the long connection the bot opened through POST /callback/ws/endpoint). See setConnection.
   */
  connection?: 'webhook' | 'socket';
  /** The long connection's ClientConfig, in seconds, handed out by the endpoint and every pong (Lark: 120, -1, 120, 30). */
  socket?: { pingInterval?: number; reconnectCount?: number; reconnectInterval?: number; reconnectNonce?: number };
}

export interface UserSpec {
  openId: string;
  name: string;
  email?: string;
  mobile?: string;
  userId?: string;
  unionId?: string;
  /** default true; false → 230013 on send */
  reachable?: boolean;
}

export interface ChatSpec {
  chatId: string;
  name: string;
  /** open ids */
  members: string[];
  /** default true */
  botMember?: boolean;
}

export interface FaultSpec {
  /** a string equals the request path with or without the '/open-apis' prefix; a RegExp is tested against the full path */
  path: string | RegExp;
  /** default: any method */
  method?: string;
  /** how many of the next matching requests get this answer */
  times: number;
  /** HTTP status of the injected answer; 0 = no injected error, only the delay, then normal handling. */
  status: number;
  code: number;
  msg?: string;
  /** sets x-ogw-ratelimit-reset (an injected 429 gets 1 by default) */
  resetSeconds?: number;
  /** answer late (timeouts) */
  delayMs?: number;
}

export interface RequestRecord {
  /** performance.now() ms when the request arrived */
  at: number;
  method: string;
  /** path without the query string */
  path: string;
  status: number;
  /** `code` of the JSON answer (0 for a binary success) */
  code: number;
  /** counts towards the app-wide rate limit (every OpenAPI path but the token endpoint) */
  appWide: boolean;
}

export interface StoredMessage {
  messageId: string;
  chatId: string;
  receiveId: string;
  receiveIdType: string;
  msgType: string;
  /** parsed JSON content */
  content: Json;
  rawContent: string;
  uuid?: string;
  createTime: number;
  rootId?: string;
  parentId?: string;
  /** every later content, from PATCH or card/update or a callback's returned card */
  updates: Json[];
  /** open ids buzzed */
  urgent: string[];
}

/** A file the bot uploaded (POST /im/v1/files). */
export interface StoredFile {
  /** the form's file_name */
  name: string;
  /** the form's file_type: opus | mp4 | pdf | doc | xls | ppt | stream */
  type: string;
  bytes: Buffer;
}

export interface PushOptions {
  /** reuse to simulate a re-send; default random 32 hex */
  eventId?: string;
  signature?: 'valid' | 'forged' | 'missing';
  /** override the verification token in the envelope */
  token?: string;
  /** override header.app_id */
  appId?: string;
  /** default: true iff encryptKey is set */
  encrypt?: boolean;
  /** default true for events, false for card callbacks */
  redeliver?: boolean;
  /** send these exact bytes instead (for malformed-input tests) */
  rawBody?: string;
}

export interface PushResult {
  status: number;
  body: string;
  eventId: string;
  /** status 200 */
  ok: boolean;
  /** set when the POST itself failed (timeout, connection refused); status is then 0 */
  error?: string;
}

export interface CardResult extends PushResult {
  toast?: { type: string; content: string };
  /** the card JSON the bot returned, if any */
  card?: unknown;
  /** set when the stand-in refused locally (no callback sent), e.g. '有必填项未填写', or '卡片已过期，无法操作' (sent > 14 days ago) */
  blocked?: string;
  /** with '有必填项未填写': the empty required fields, by the names a person reads on the card (its labels), in card order */
  missing?: string[];
  /** why the returned card was refused (the card validator's issues), when the toast is 200673 */
  refused?: string;
  /** the card token (c-…) the callback carried: the bot may use it for a delayed update (30 min, 2 uses) */
  cardToken?: string;
}

/** One POST of a push to the bot (attempt 0 = first delivery, 1… = re-deliveries). */
export interface DeliveryRecord {
  eventId: string;
  attempt: number;
  status: number;
  ok: boolean;
  /** performance.now() ms when the POST started */
  at: number;
}

export interface UrlVerificationOptions {
  /** default: true iff encryptKey is set */
  encrypt?: boolean;
  /** default false: the real platform's challenge is assumed unsigned */
  signed?: boolean;
  /** override the verification token */
  token?: string;
}

export interface LarkStandin {
  /** 'http://127.0.0.1:PORT' (no trailing slash) — the SDK domain */
  readonly url: string;
  readonly app: FastifyInstance;
  /** the bot's own open id (GET /open-apis/bot/v3/info; use it to @-mention the bot) */
  readonly botOpenId: string;
  close(): Promise<void>;
  setBotWebhookUrl(url: string): void;
  /** Forgets users, chats, messages, files, faults, the request log and pending re-deliveries (between tests). */
  reset(): void;
  /** Everything said in a chat, the users' messages and the bot's, oldest first (for the playground). */
  conversation(chatId: string): ConversationEntry[];
  users(): { openId: string; name: string }[];
  groups(): { chatId: string; name: string; members: string[] }[];

  addUser(u: UserSpec): void;
  addChat(c: ChatSpec): void;
  setBotMember(chatId: string, member: boolean): void;
  p2pChatId(openId: string): string;

  messages(filter?: { chatId?: string; receiveId?: string }): StoredMessage[];
  message(messageId: string): StoredMessage | undefined;
  /** A file the bot uploaded, by its file_key. */
  file(fileKey: string): StoredFile | undefined;
  requests(): RequestRecord[];
  deliveries(): DeliveryRecord[];
  expireTokens(): void;
  injectFault(f: FaultSpec): void;

  pushEvent(eventType: string, event: object, opts?: PushOptions): Promise<PushResult>;
  sendText(
    p: { from: string; text: string; chatId?: string; mentions?: { key: string; openId: string; name: string }[] },
    opts?: PushOptions,
  ): Promise<PushResult>;
  sendImage(p: { from: string; imageKey?: string; chatId?: string }, opts?: PushOptions): Promise<PushResult>;
  botAdded(p: { chatId: string; operator: string; name?: string }, opts?: PushOptions): Promise<PushResult>;
  botRemoved(p: { chatId: string; operator: string; name?: string }, opts?: PushOptions): Promise<PushResult>;
  p2pEntered(p: { openId: string }, opts?: PushOptions): Promise<PushResult>;
  urlVerification(opts?: UrlVerificationOptions): Promise<PushResult>;
  submitForm(
    p: { messageId: string; user: string; values: Record<string, unknown>; buttonName?: string },
    opts?: PushOptions,
  ): Promise<CardResult>;
  clickButton(p: { messageId: string; user: string; buttonName?: string; value?: unknown }, opts?: PushOptions): Promise<CardResult>;
  pendingRedeliveries(): number;

  /** Switches how pushes reach the bot: its webhook, or the long connection. */
  setConnection(mode: 'webhook' | 'socket'): void;
  /** Long connections open now. */
  socketConnections(): number;
  /** Cuts every long connection (the SDK reconnects by itself); events pushed meanwhile wait for the next connection. */
  dropConnections(): void;
  /** The bot's next n answers on the long connection are lost on the way: those frames are re-sent later (same event_id). */
  loseSocketReplies(n: number): void;
  /** What the long-connection client sent that Lark would not accept (bad frames, pings for another service…). */
  socketProtocolErrors(): string[];
  /** Pings received on long connections. */
  socketPings(): number;
}

/** One message of a chat as a person sees it: the user's own or the bot's (a card as it is now). */
export interface ConversationEntry {
  id: string;
  from: 'bot' | string;
  msgType: string;
  content: Json;
  createTime: number;
  urgent: boolean;
}
