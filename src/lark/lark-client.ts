// Every call to Lark goes through here: the official SDK, our rate limiter, token refresh on rejection, typed errors.
import type { Readable } from 'node:stream';
import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../lib/logger.ts';
import { assertLarkOk, LarkApiError, toLarkError } from './lark-error.ts';
import { RateLimiter } from './rate-limiter.ts';

export interface LarkClientOptions {
  appId: string;
  appSecret: string;
  /** feishu | lark | a base URL */
  domain: string;
  log: Logger;
  limiter?: RateLimiter;
  /** Per-request timeout (ms); the SDK's axios has none by default. */
  timeoutMs?: number;
}

export type ReceiveIdType = 'open_id' | 'chat_id' | 'user_id' | 'union_id' | 'email';
export type MsgType = 'text' | 'interactive' | 'post' | 'file';
/** The upload types Steward uses (上传文件): `xls` for .xls only, `pdf`, and `stream` for anything else (.xlsx, .csv…). */
export type UploadFileType = 'xls' | 'pdf' | 'stream';

// biome-ignore lint/complexity/noBannedTypes: the SDK's Cache interface types its keys with the Symbol wrapper
type CacheKey = string | Symbol;

/** A token cache the SDK writes into and we can empty when Lark rejects the token. */
class TokenCache {
  private readonly values = new Map<string, { value: unknown; expiresAt?: number }>();
  private k(key: CacheKey, ns?: string) {
    return `${ns ?? ''}/${key.toString()}`;
  }
  async get(key: CacheKey, options?: { namespace?: string }) {
    const hit = this.values.get(this.k(key, options?.namespace));
    return hit && (!hit.expiresAt || hit.expiresAt > Date.now()) ? hit.value : undefined;
  }
  async set(key: CacheKey, value: unknown, expiresAt?: number, options?: { namespace?: string }) {
    this.values.set(this.k(key, options?.namespace), { value, expiresAt });
    return true;
  }
  clear() {
    this.values.clear();
  }
}

const drop = () => {};
const SILENT_SDK_LOGGER = { error: drop, warn: drop, info: drop, debug: drop, trace: drop };

export function sdkDomain(domain: string): lark.Domain | string {
  if (domain === 'feishu') return lark.Domain.Feishu;
  if (domain === 'lark') return lark.Domain.Lark;
  return domain.replace(/\/+$/, '');
}

export class LarkClient {
  readonly sdk: lark.Client;
  private readonly cache = new TokenCache();
  private readonly limiter: RateLimiter;
  private readonly log: Logger;

  constructor(opts: LarkClientOptions) {
    this.log = opts.log;
    this.limiter = opts.limiter ?? new RateLimiter();
    lark.defaultHttpInstance.defaults.timeout = opts.timeoutMs ?? 10_000;
    this.sdk = new lark.Client({
      appId: opts.appId,
      appSecret: opts.appSecret,
      domain: sdkDomain(opts.domain),
      cache: this.cache,
      // we log failures ourselves, without request bodies; the SDK reads `loggerLevel || info`, so fatal (0) alone
      // would still log every error with its axios config — a logger that drops everything keeps it quiet
      loggerLevel: lark.LoggerLevel.fatal,
      logger: SILENT_SDK_LOGGER,
    });
  }

  /** Runs one call under the limiter; on a rejected token, empties the cache and tries once more. */
  private async call<T>(target: string | undefined, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const settle = await this.limiter.acquire(target);
      try {
        const answer = await fn();
        settle();
        return answer;
      } catch (raw) {
        settle();
        const err = toLarkError(raw);
        if (err.kind === 'token' && attempt === 0) {
          this.log.warn({ code: err.code }, 'lark rejected the tenant token; fetching a new one');
          this.cache.clear();
          continue;
        }
        throw err;
      }
    }
  }

  async send(
    receiveIdType: ReceiveIdType,
    receiveId: string,
    msgType: MsgType,
    content: unknown,
    uuid?: string,
  ): Promise<{ messageId: string }> {
    const res = await this.call(receiveId, async () =>
      assertLarkOk(
        await this.sdk.im.message.create({
          params: { receive_id_type: receiveIdType },
          data: { receive_id: receiveId, msg_type: msgType, content: JSON.stringify(content), uuid },
        }),
      ),
    );
    return { messageId: requireMessageId(res.data?.message_id) };
  }

  async reply(messageId: string, msgType: MsgType, content: unknown, uuid?: string): Promise<{ messageId: string }> {
    const res = await this.call(messageId, async () =>
      assertLarkOk(
        await this.sdk.im.message.reply({
          path: { message_id: messageId },
          data: { msg_type: msgType, content: JSON.stringify(content), uuid },
        }),
      ),
    );
    return { messageId: requireMessageId(res.data?.message_id) };
  }

  /** Uploads a file (at most 30 MB, not empty) for a file message; returns its file_key. */
  async uploadFile(name: string, type: UploadFileType, bytes: Buffer): Promise<string> {
    // the SDK returns only `data` of Lark's answer ({ file_key }), or null when there was none
    const res = await this.call(undefined, () => this.sdk.im.file.create({ data: { file_type: type, file_name: name, file: bytes } }));
    if (!res?.file_key) throw new LarkApiError(-1, 'Lark answered the upload without a file_key');
    return res.file_key;
  }

  /** Replaces a sent card (JSON 2.0 cards are always shared, so this works for everyone who sees it); within 14 days of sending (230031). */
  async patchCard(messageId: string, card: unknown): Promise<void> {
    await this.call(messageId, async () =>
      assertLarkOk(await this.sdk.im.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } })),
    );
  }

  /** Buzzes people about a message the bot sent (escalations); returns the ids Lark could not buzz. */
  async urgent(messageId: string, openIds: string[]): Promise<string[]> {
    const res = await this.call(undefined, async () =>
      assertLarkOk(
        await this.sdk.im.message.urgentApp({
          path: { message_id: messageId },
          params: { user_id_type: 'open_id' },
          data: { user_id_list: openIds },
        }),
      ),
    );
    return res.data?.invalid_user_id_list ?? [];
  }

  /** Resolves emails and mobiles to open_ids through the directory; unknown ones are simply absent from the map. */
  async resolveUsers(query: { emails?: string[]; mobiles?: string[] }): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const emails = query.emails ?? [];
    const mobiles = query.mobiles ?? [];
    for (let i = 0; i < Math.max(emails.length, mobiles.length); i += 50) {
      const res = await this.call(undefined, async () =>
        assertLarkOk(
          await this.sdk.contact.user.batchGetId({
            params: { user_id_type: 'open_id' },
            data: { emails: emails.slice(i, i + 50), mobiles: mobiles.slice(i, i + 50), include_resigned: false },
          }),
        ),
      );
      for (const u of res.data?.user_list ?? []) {
        if (!u.user_id) continue;
        if (u.email) found.set(u.email, u.user_id);
        if (u.mobile) found.set(u.mobile, u.user_id);
      }
    }
    return found;
  }

  private botId: Promise<string> | undefined;

  /** The bot's own open_id (to tell @-mentions of the bot from mentions of others); asked once. */
  botOpenId(): Promise<string> {
    this.botId ??= this.call(undefined, async () => {
      const res = assertLarkOk(
        (await this.sdk.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as {
          code?: number;
          msg?: string;
          bot?: { open_id?: string };
        },
      );
      if (!res.bot?.open_id) throw new LarkApiError(-1, 'bot info without open_id');
      return res.bot.open_id;
    }).catch((e) => {
      this.botId = undefined; // ask again next time
      throw e;
    });
    return this.botId;
  }

  /** Downloads an image a user sent (evidence photos). */
  async getMessageImage(messageId: string, imageKey: string): Promise<Buffer> {
    const res = await this.call(undefined, () =>
      this.sdk.im.messageResource.get({ path: { message_id: messageId, file_key: imageKey }, params: { type: 'image' } }),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of res.getReadableStream() as Readable) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
}

function requireMessageId(id: string | undefined): string {
  if (!id) throw new LarkApiError(-1, 'Lark answered without a message_id');
  return id;
}

/** The settings a client is made from (the process's config). */
interface LarkSettings {
  LARK_APP_ID?: string;
  LARK_APP_SECRET?: string;
  LARK_DOMAIN: string;
  LARK_TIMEOUT_MS?: number;
}

/** A client for the configured app, or null when the app id or secret is not set. */
export function larkClientOf(config: LarkSettings, log: Logger, limiter?: RateLimiter): LarkClient | null {
  if (!config.LARK_APP_ID || !config.LARK_APP_SECRET) return null;
  return new LarkClient({
    appId: config.LARK_APP_ID,
    appSecret: config.LARK_APP_SECRET,
    domain: config.LARK_DOMAIN,
    timeoutMs: config.LARK_TIMEOUT_MS,
    log,
    limiter,
  });
}
