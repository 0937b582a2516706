// Builds v2 event envelopes (Lark's shapes), encrypts them when asked, and hands them to the deliverer (webhook mode)
// or, plain, to the long connection (socket mode).
import { encryptPayload } from '../../lark/crypto.ts';
import type { Deliverer } from './deliver.ts';
import type { SocketHub } from './socket/hub.ts';
import { newEventId, TENANT_KEY } from './ids.ts';
import type { StandinState } from './state.ts';
import type { PushOptions, PushResult } from './types.ts';

export interface PushContext {
  state: StandinState;
  deliverer: Deliverer;
  /** the long connection, used when state.connection is 'socket' */
  socket?: SocketHub;
  /** plaintext envelopes already pushed, by event id (a re-used event id re-sends the same envelope) */
  sent: Map<string, string>;
}

function envelope(h: { eventId: string; token: string; createTime: string; eventType: string; appId: string }, event: object) {
  return {
    schema: '2.0',
    header: {
      event_id: h.eventId,
      token: h.token,
      create_time: h.createTime,
      event_type: h.eventType,
      tenant_key: TENANT_KEY,
      app_id: h.appId,
    },
    event,
  };
}

/** {union_id, user_id, open_id} of a user ('' for ids of someone not in the directory, e.g. the bot). */
export function userIds(state: StandinState, openId: string) {
  const u = state.users.get(openId);
  return { union_id: u?.unionId ?? '', user_id: u?.userId ?? '', open_id: openId };
}

/** The body bytes: the plaintext, or {"encrypt": …} when encrypting (default: iff the stand-in has an encrypt key). */
export function encodeBody(state: StandinState, plaintext: string, encrypt?: boolean): string {
  const key = state.opts.encryptKey;
  if (!(encrypt ?? !!key)) return plaintext;
  if (!key) throw new Error('lark stand-in: encrypt requested but no encryptKey is configured');
  return JSON.stringify({ encrypt: encryptPayload(key, plaintext) });
}

/**
 * Pushes one event. `build` makes the event body; it is not called when opts.eventId names an event pushed
 * before — then that identical envelope is sent again (a re-send, as Lark does).
 */
export async function push(
  ctx: PushContext,
  eventType: string,
  build: () => object,
  opts: PushOptions,
  defaults: { redeliver: boolean; createTime?: string },
): Promise<PushResult> {
  const { state } = ctx;
  const eventId = opts.eventId ?? newEventId();
  let plaintext = ctx.sent.get(eventId);
  if (plaintext === undefined) {
    const createTime = defaults.createTime ?? String(state.opts.now());
    const env = envelope(
      { eventId, token: opts.token ?? state.opts.verificationToken, createTime, eventType, appId: opts.appId ?? state.opts.appId },
      build(),
    );
    plaintext = JSON.stringify(env);
    ctx.sent.set(eventId, plaintext);
  }
  const redeliver = opts.redeliver ?? defaults.redeliver;
  // over the long connection the envelope travels plain and unsigned: the connection was authenticated when it opened
  if (state.connection === 'socket' && ctx.socket) return ctx.socket.deliver({ plaintext: opts.rawBody ?? plaintext, eventId, redeliver });
  const body = opts.rawBody ?? encodeBody(state, plaintext, opts.encrypt);
  return ctx.deliverer.deliver({ body, eventId, signature: opts.signature ?? 'valid', redeliver });
}
