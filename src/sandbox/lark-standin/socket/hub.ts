// The long connection, Lark's side: hands out connection URLs, accepts the SDK's WebSocket, answers pings, pushes
// events and card callbacks as data frames and reads the client's answer frame; what is not answered is re-sent.
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { randomHex } from '../ids.ts';
import type { StandinState } from '../state.ts';
import type { DeliveryRecord, PushResult } from '../types.ts';
import { decodeFrame, encodeFrame, headerOf, METHOD, type Frame } from './frame.ts';

const WS_PATH = '/ws/v2';
/** Codes of POST /callback/ws/endpoint (the SDK's ws-client/enum.ts). */
const WS_CODES = { ok: 0, systemBusy: 1, forbidden: 403, authFailed: 514, internalError: 1000040343, exceedConnLimit: 1000040350 } as const;
/** Lark: at most 50 long connections per app. */
const MAX_CONNECTIONS = 50;
const NO_CONNECTION = 'no long connection is open';

export interface ClientConfig {
  PingInterval: number;
  ReconnectCount: number;
  ReconnectInterval: number;
  ReconnectNonce: number;
}

export interface SocketDelivery {
  /** the plain envelope (JSON), exactly as the frame's payload carries it */
  plaintext: string;
  eventId: string;
  redeliver: boolean;
}

interface Ticket {
  deviceId: string;
  serviceId: number;
  accessKey: string;
}

interface Conn {
  ws: WebSocket;
  deviceId: string;
  serviceId: number;
}

type Answer = { code: number; data?: string } | { failed: string };

export class SocketHub {
  readonly log: DeliveryRecord[] = [];
  /** frames the client sent that Lark would not accept (bad encoding, a ping for another service, an answer to nothing) */
  readonly protocolErrors: string[] = [];
  pings = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Map<string, Ticket>();
  private readonly conns = new Set<Conn>();
  private readonly waiting = new Map<string, { conn: Conn; done: (a: Answer) => void }>();
  /** events to send again once a client is connected */
  private held: { d: SocketDelivery; attempt: number }[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** re-sends under way (sent, answer awaited) */
  private resending = 0;
  private seq = 0;
  private repliesToLose = 0;
  private closed = false;

  constructor(private readonly state: StandinState) {}

  clientConfig(): ClientConfig {
    const c = this.state.opts.socket;
    return {
      PingInterval: c.pingInterval,
      ReconnectCount: c.reconnectCount,
      ReconnectInterval: c.reconnectInterval,
      ReconnectNonce: c.reconnectNonce,
    };
  }

  /** POST /callback/ws/endpoint: the app's credentials → a one-time connection URL and the ClientConfig. */
  issue(host: string, appId: unknown, appSecret: unknown): { code: number; msg: string; data: object } {
    if (appId !== this.state.opts.appId || appSecret !== this.state.opts.appSecret)
      return { code: WS_CODES.authFailed, msg: 'auth failed: app id or app secret invalid', data: {} };
    if (this.conns.size >= MAX_CONNECTIONS) return { code: WS_CODES.exceedConnLimit, msg: 'exceed connection limit', data: {} };
    const ticket = randomHex(32);
    const t: Ticket = {
      deviceId: String(7_000_000_000_000_000 + Math.floor(Math.random() * 1e15)),
      serviceId: 33554678,
      accessKey: randomHex(32),
    };
    this.tickets.set(ticket, t);
    // device_id and service_id are read with qs.parse(URL): they must not be the first parameter
    const url = `ws://${host}${WS_PATH}?fpid=493&aid=552564&device_id=${t.deviceId}&access_key=${t.accessKey}&service_id=${t.serviceId}&ticket=${ticket}`;
    return { code: WS_CODES.ok, msg: 'ok', data: { URL: url, ClientConfig: this.clientConfig() } };
  }

  /** The HTTP server's 'upgrade': only a URL this hub issued opens a connection, once. */
  onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://standin');
    if (url.pathname !== WS_PATH || this.closed) return refuseUpgrade(socket, 404, 0, 'not found');
    const id = url.searchParams.get('ticket') ?? '';
    const t = this.tickets.get(id);
    const q = (k: string) => url.searchParams.get(k);
    if (!t || q('device_id') !== t.deviceId || q('service_id') !== String(t.serviceId) || q('access_key') !== t.accessKey) {
      return refuseUpgrade(socket, 401, WS_CODES.authFailed, 'invalid ticket');
    }
    this.tickets.delete(id);
    if (this.conns.size >= MAX_CONNECTIONS)
      return refuseUpgrade(socket, 401, WS_CODES.authFailed, 'exceed connection limit', WS_CODES.exceedConnLimit);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, t));
  }

  private accept(ws: WebSocket, t: Ticket): void {
    const conn: Conn = { ws, deviceId: t.deviceId, serviceId: t.serviceId };
    this.conns.add(conn);
    ws.on('message', (data, isBinary) => this.onFrame(conn, data, isBinary));
    ws.on('error', () => {});
    ws.on('close', () => {
      this.conns.delete(conn);
      for (const w of this.waiting.values()) if (w.conn === conn) w.done({ failed: 'the connection closed before the answer' });
    });
    // what waited for a client goes out now
    const held = this.held;
    this.held = [];
    for (const h of held) void this.resend(h.d, h.attempt);
  }

  private async resend(d: SocketDelivery, attempt: number): Promise<void> {
    this.resending++;
    try {
      const r = await this.attempt(d, attempt);
      if (!r.ok) this.retry(d, attempt, r);
    } finally {
      this.resending--;
    }
  }

  private onFrame(conn: Conn, data: RawData, isBinary: boolean): void {
    if (!isBinary) return void this.protocolErrors.push('a text frame (frames are binary protobuf)');
    let f: Frame;
    try {
      f = decodeFrame(Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]));
    } catch (e) {
      return void this.protocolErrors.push(`undecodable frame: ${(e as Error).message}`);
    }
    const type = headerOf(f, 'type');
    if (f.method === METHOD.control) {
      if (type !== 'ping') return void this.protocolErrors.push(`control frame of type ${type}`);
      if (f.service !== conn.serviceId) return void this.protocolErrors.push(`ping for service ${f.service}, not ${conn.serviceId}`);
      this.pings++;
      const pong: Frame = {
        SeqID: 0,
        LogID: 0,
        service: conn.serviceId,
        method: METHOD.control,
        headers: [{ key: 'type', value: 'pong' }],
        payload: Buffer.from(JSON.stringify(this.clientConfig())),
      };
      return void conn.ws.send(encodeFrame(pong));
    }
    if (f.method !== METHOD.data) return void this.protocolErrors.push(`frame method ${f.method}`);
    const messageId = headerOf(f, 'message_id') ?? '';
    const w = this.waiting.get(messageId);
    if (!w || w.conn !== conn)
      return void this.protocolErrors.push(`an answer to no frame sent on this connection (message_id ${messageId})`);
    if (this.repliesToLose > 0) {
      this.repliesToLose--;
      return;
    }
    try {
      const answer = JSON.parse(Buffer.from(f.payload ?? []).toString('utf8')) as { code?: unknown; data?: unknown };
      if (typeof answer.code !== 'number' || (answer.data !== undefined && typeof answer.data !== 'string'))
        throw new Error('not {code, data?}');
      w.done({ code: answer.code, data: answer.data as string | undefined });
    } catch (e) {
      this.protocolErrors.push(`an answer whose payload is not {"code":…,"data":base64}: ${(e as Error).message}`);
      w.done({ failed: 'malformed answer' });
    }
  }

  /** One push: the frame to one connected client (cluster mode: any one of them), and its answer; re-sent later if not answered. */
  async deliver(d: SocketDelivery): Promise<PushResult> {
    const r = await this.attempt(d, 0);
    if (!r.ok && d.redeliver) this.retry(d, 0, r);
    return r;
  }

  private retry(d: SocketDelivery, failedAttempt: number, r: PushResult): void {
    if (this.closed) return;
    if (r.error === NO_CONNECTION) {
      this.held.push({ d, attempt: failedAttempt + 1 });
      return;
    }
    const delays = this.state.opts.redeliveryDelaysMs;
    if (failedAttempt >= delays.length) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.resend(d, failedAttempt + 1);
    }, delays[failedAttempt]);
    this.timers.add(timer);
  }

  private async attempt(d: SocketDelivery, attempt: number): Promise<PushResult> {
    const at = performance.now();
    const open = [...this.conns].filter((c) => c.ws.readyState === c.ws.OPEN);
    const conn = open[Math.floor(Math.random() * open.length)];
    const answer: Answer = conn ? await this.send(conn, d) : { failed: NO_CONNECTION };
    const result: PushResult =
      'failed' in answer
        ? { status: 0, body: '', eventId: d.eventId, ok: false, error: answer.failed }
        : {
            status: answer.code,
            body: answer.data ? Buffer.from(answer.data, 'base64').toString('utf8') : '',
            eventId: d.eventId,
            ok: answer.code === 200,
          };
    this.log.push({ eventId: d.eventId, attempt, status: result.status, ok: result.ok, at });
    return result;
  }

  private send(conn: Conn, d: SocketDelivery): Promise<Answer> {
    const messageId = randomHex(32);
    this.seq++;
    const frame: Frame = {
      SeqID: this.seq,
      LogID: this.seq,
      service: conn.serviceId,
      method: METHOD.data,
      headers: [
        { key: 'type', value: 'event' },
        { key: 'message_id', value: messageId },
        { key: 'sum', value: '1' },
        { key: 'seq', value: '0' },
        { key: 'trace_id', value: randomHex(16) },
        { key: 'timestamp', value: String(Date.now()) },
      ],
      payload: Buffer.from(d.plaintext, 'utf8'),
    };
    return new Promise<Answer>((resolve) => {
      const timer = setTimeout(
        () => done({ failed: `no answer within ${this.state.opts.pushTimeoutMs} ms` }),
        this.state.opts.pushTimeoutMs,
      );
      const done = (a: Answer) => {
        clearTimeout(timer);
        this.waiting.delete(messageId);
        resolve(a);
      };
      this.waiting.set(messageId, { conn, done });
      conn.ws.send(encodeFrame(frame), (err) => err && done({ failed: `send failed: ${err.message}` }));
    });
  }

  /** The next n answers from the client are lost on the way (as if the network dropped them): those frames get re-sent. */
  loseReplies(n: number): void {
    this.repliesToLose = n;
  }

  /** Cuts every open connection (the client reconnects by itself). */
  dropConnections(): void {
    for (const c of this.conns) c.ws.terminate();
  }

  connections(): number {
    return [...this.conns].filter((c) => c.ws.readyState === c.ws.OPEN).length;
  }

  /** Events waiting for a re-send (on a timer, or for a client to connect). */
  pending(): number {
    return this.timers.size + this.held.length + this.resending;
  }

  cancelPending(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.held = [];
    this.repliesToLose = 0;
  }

  close(): void {
    this.closed = true;
    this.cancelPending();
    for (const w of this.waiting.values()) w.done({ failed: 'the stand-in closed' });
    for (const c of this.conns) c.ws.terminate();
    this.wss.close();
  }
}

/** Refuses a WebSocket upgrade the way Lark's gateway does: an HTTP error with Handshake-* headers. */
function refuseUpgrade(socket: Duplex, status: number, code: number, msg: string, authErrCode?: number): void {
  const headers = [`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Unauthorized'}`, 'Connection: close', 'Content-Length: 0'];
  if (code) headers.push(`Handshake-Status: ${code}`, `Handshake-Msg: ${msg}`);
  if (authErrCode) headers.push(`Handshake-Autherrcode: ${authErrCode}`);
  socket.end(`${headers.join('\r\n')}\r\n\r\n`);
}
