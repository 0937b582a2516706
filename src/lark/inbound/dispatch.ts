// One path for everything Lark pushes, whichever transport brought it (webhook or long connection): check, answer, store.
//
// The transport has already verified and decrypted what arrived; this takes the plain envelope and
// (1) checks its shape, the Verification Token (webhook only: the long connection authenticated the app when it
// connected, and its pushes are plain and unsigned) and the app id, (2) answers a card callback now, within Lark's
// 3 seconds, with its toast and/or card, (3) stores an event under its dedupe key, answers at once, and handles it after.
import type { AppContext } from '../../context.ts';
import { recordInbound } from '../../db/queries/inbound.ts';
import { cardErrorResponse, handleCardAction } from '../card-actions/handle-card-action.ts';
import { knownEventType } from '../events/index.ts';
import { processInboundSoon } from '../events/process-inbound.ts';
import { toInbound } from '../webhook/envelope.ts';

export const CARD_ACTION = 'card.action.trigger';

export type Transport = 'webhook' | 'socket';

/** What to answer: 200 with a body (a card callback's toast/card, `{}` for an event), or a refusal with its reason. */
export type InboundAnswer = { status: 200; body: object } | { status: 400 | 401 | 503; reason: string };

/** Key that absorbs re-deliveries: Lark advises message_id for messages, event_id otherwise. */
export function dedupeKey(eventType: string, eventId: string, event: Record<string, unknown>): string {
  const messageId = (event.message as { message_id?: unknown } | undefined)?.message_id;
  return eventType === 'im.message.receive_v1' && typeof messageId === 'string' ? `msg:${messageId}` : `evt:${eventId}`;
}

export async function dispatchInbound(ctx: AppContext, plain: unknown, transport: Transport): Promise<InboundAnswer> {
  const { config, log } = ctx;

  // (1) shape, token, app
  const inbound = toInbound(plain);
  if ('error' in inbound) return { status: 400, reason: inbound.error };
  if (transport === 'webhook') {
    const token = config.LARK_VERIFICATION_TOKEN;
    if (!token || inbound.token !== token) return { status: 401, reason: 'verification token does not match' };
  }
  if (inbound.appId && config.LARK_APP_ID && inbound.appId !== config.LARK_APP_ID) return { status: 401, reason: 'app id does not match' };

  // (2) card callbacks: answered now, within Lark's 3 seconds
  if (inbound.eventType === CARD_ACTION) {
    try {
      return { status: 200, body: await handleCardAction(ctx, inbound.eventId, inbound.event) };
    } catch (e) {
      log.error({ err: e, eventId: inbound.eventId, transport }, 'card action failed');
      return { status: 200, body: cardErrorResponse() };
    }
  }

  // (3) events: store (dedupe), answer, handle after
  const known = knownEventType(inbound.eventType);
  const key = dedupeKey(inbound.eventType, inbound.eventId, inbound.event);
  let fresh: boolean;
  try {
    fresh = await recordInbound(ctx.db, {
      key,
      eventId: inbound.eventId,
      eventType: inbound.eventType,
      payload: inbound.event,
      receivedAt: ctx.clock.now(),
      status: known ? 'pending' : 'skipped',
    });
  } catch (e) {
    log.error({ err: e, transport }, 'cannot store the event; Lark will re-send it');
    return { status: 503, reason: 'temporarily unavailable' };
  }
  if (!known) log.info({ eventType: inbound.eventType, eventId: inbound.eventId, transport }, 'event type not handled; acknowledged');
  else if (!fresh) log.info({ key, eventId: inbound.eventId, transport }, 'repeated event; acknowledged, not handled again');
  else processInboundSoon(ctx, key);
  return { status: 200, body: {} };
}
