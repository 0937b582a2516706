// The handle tests hold: seeds the directory, reads what the bot did, injects faults, and pushes user actions.
import type { FastifyInstance } from 'fastify';
import { clickButton, submitForm } from './card-callbacks.ts';
import { Deliverer } from './deliver.ts';
import { push, type PushContext } from './envelope.ts';
import type { SocketHub } from './socket/hub.ts';
import type { StandinState } from './state.ts';
import type {
  ConversationEntry,
  CardResult,
  ChatSpec,
  FaultSpec,
  LarkStandin,
  PushOptions,
  PushResult,
  StoredFile,
  StoredMessage,
  UrlVerificationOptions,
  UserSpec,
} from './types.ts';
import { botMembership, p2pEntered, sendImage, sendText, urlVerification } from './user-events.ts';

export class Standin implements LarkStandin {
  private readonly ctx: PushContext;

  constructor(
    readonly url: string,
    readonly app: FastifyInstance,
    private readonly state: StandinState,
    private readonly hub: SocketHub,
  ) {
    this.ctx = { state, deliverer: new Deliverer(state), socket: hub, sent: new Map() };
  }

  get botOpenId(): string {
    return this.state.botOpenId;
  }

  async close(): Promise<void> {
    this.ctx.deliverer.close();
    this.hub.close();
    await this.app.close();
  }

  reset(): void {
    this.ctx.deliverer.cancelPending();
    this.ctx.deliverer.log.length = 0;
    this.hub.cancelPending();
    this.hub.log.length = 0;
    this.ctx.sent.clear();
    this.state.reset();
  }

  setBotWebhookUrl(url: string): void {
    this.state.webhookUrl = url;
  }

  addUser(u: UserSpec): void {
    this.state.addUser(u);
  }

  addChat(c: ChatSpec): void {
    this.state.addChat(c);
  }

  setBotMember(chatId: string, member: boolean): void {
    const chat = this.state.chats.get(chatId);
    if (!chat) throw new Error(`lark stand-in: unknown chat ${chatId}`);
    chat.botMember = member;
  }

  p2pChatId(openId: string): string {
    return this.state.p2pChatId(openId);
  }

  messages(filter: { chatId?: string; receiveId?: string } = {}): StoredMessage[] {
    return [...this.state.botMessages.values()].filter(
      (m) =>
        (filter.chatId === undefined || m.chatId === filter.chatId) && (filter.receiveId === undefined || m.receiveId === filter.receiveId),
    );
  }

  /** Everything said in a chat, the users' messages and the bot's, oldest first (for the playground). */
  conversation(chatId: string): ConversationEntry[] {
    const bot = this.messages({ chatId }).map(
      (m): ConversationEntry => ({
        id: m.messageId,
        from: 'bot',
        msgType: m.msgType,
        content: m.updates.length ? m.updates[m.updates.length - 1] : m.content,
        createTime: m.createTime,
        urgent: m.urgent.length > 0,
      }),
    );
    const users = [...this.state.userMessages.values()]
      .filter((m) => m.chatId === chatId)
      .map(
        (m): ConversationEntry => ({
          id: m.messageId,
          from: m.from,
          msgType: m.msgType,
          content: m.content,
          createTime: m.createTime,
          urgent: false,
        }),
      );
    return [...bot, ...users].sort((a, b) => a.createTime - b.createTime);
  }

  /** The users the stand-in knows (for the playground's people list). */
  users(): { openId: string; name: string }[] {
    return [...this.state.users.values()].map((u) => ({ openId: u.openId, name: u.name }));
  }

  /** The group chats the stand-in knows. */
  groups(): { chatId: string; name: string; members: string[] }[] {
    return [...this.state.chats.values()].filter((c) => !c.p2pOf).map((c) => ({ chatId: c.chatId, name: c.name, members: [...c.members] }));
  }

  message(messageId: string): StoredMessage | undefined {
    return this.state.botMessages.get(messageId);
  }

  file(fileKey: string): StoredFile | undefined {
    return this.state.files.get(fileKey);
  }

  requests() {
    return [...this.state.requestLog];
  }

  deliveries() {
    return [...this.ctx.deliverer.log, ...this.hub.log].sort((a, b) => a.at - b.at);
  }

  expireTokens(): void {
    this.state.tenantTokens.clear();
  }

  injectFault(f: FaultSpec): void {
    if (f.times > 0) this.state.faults.push({ ...f });
  }

  pushEvent(eventType: string, event: object, opts: PushOptions = {}): Promise<PushResult> {
    return push(this.ctx, eventType, () => event, opts, { redeliver: true });
  }

  sendText(p: Parameters<LarkStandin['sendText']>[0], opts?: PushOptions): Promise<PushResult> {
    return sendText(this.ctx, p, opts);
  }

  sendImage(p: Parameters<LarkStandin['sendImage']>[0], opts?: PushOptions): Promise<PushResult> {
    return sendImage(this.ctx, p, opts);
  }

  botAdded(p: { chatId: string; operator: string; name?: string }, opts?: PushOptions): Promise<PushResult> {
    return botMembership(this.ctx, true, p, opts);
  }

  botRemoved(p: { chatId: string; operator: string; name?: string }, opts?: PushOptions): Promise<PushResult> {
    return botMembership(this.ctx, false, p, opts);
  }

  p2pEntered(p: { openId: string }, opts?: PushOptions): Promise<PushResult> {
    return p2pEntered(this.ctx, p, opts);
  }

  urlVerification(opts?: UrlVerificationOptions): Promise<PushResult> {
    return urlVerification(this.ctx, opts);
  }

  submitForm(p: Parameters<LarkStandin['submitForm']>[0], opts?: PushOptions): Promise<CardResult> {
    return submitForm(this.ctx, p, opts);
  }

  clickButton(p: Parameters<LarkStandin['clickButton']>[0], opts?: PushOptions): Promise<CardResult> {
    return clickButton(this.ctx, p, opts);
  }

  pendingRedeliveries(): number {
    return this.ctx.deliverer.pending() + this.hub.pending();
  }

  setConnection(mode: 'webhook' | 'socket'): void {
    this.state.connection = mode;
  }

  socketConnections(): number {
    return this.hub.connections();
  }

  dropConnections(): void {
    this.hub.dropConnections();
  }

  loseSocketReplies(n: number): void {
    this.hub.loseReplies(n);
  }

  socketProtocolErrors(): string[] {
    return [...this.hub.protocolErrors];
  }

  socketPings(): number {
    return this.hub.pings;
  }
}
