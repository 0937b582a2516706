// One path for everything Lark pushes, whichever transport brought it (webhook or long connection): check, answer, store.
//
// The transport has already verified and decrypted what arrived (the webhook: signature and timestamp window); this
// takes the plain envelope and (1) checks its shape, the Verification Token (webhook only: the long connection
// authenticated the app when it connected, and its pushes are plain and unsigned), the app id (required) and the tenant
// (src/lark/inbound/tenant.ts), (2) bounds its depth and cleans its text, (3) answers a card callback now, within Lark's
// 3 seconds, with its toast and/or card — refused with a toast when older than a card lives — and (4) stores an event
// under its dedupe key, answers at once, and handles it after.
import type { AppContext } from '../../context.ts';
import { recordInbound } from '../../db/queries/inbound.ts';
import { badValueError, cardErrorResponse, handleCardAction } from '../card-actions/handle-card-action.ts';
import { TOASTS } from '../cards/toasts.ts';
import { knownEventType } from '../events/index.ts';
import { processInboundSoon } from '../events/process-inbound.ts';
import { cardAgeProblem } from '../freshness.ts';
import { toInbound } from '../webhook/envelope.ts';
import { cleanPayload, tooDeep } from './sanitize.ts';
import { tenantProblem } from './tenant.ts';

const CARD_ACTION = 'card.action.trigger';

export type Transport = 'webhook' | 'socket';

/** What to answer: 200 with a body (a card callback's toast/card, `{}` for an event), or a refusal with its reason. */
export type InboundAnswer = { status: 200; body: object } | { status: 400 | 401 | 503; reason: string };

/**
 * Keys that absorb re-deliveries: a message is stored under its message_id (Lark's advice) and its event_id is kept as
 * an alias, so a repeat of either is acknowledged and not handled again; any other event under its event_id.
 */
function dedupeKeys(eventType: string, eventId: string, event: Record<string, unknown>): { key: string; aliases: string[] } {
  const messageId = (event.message as { message_id?: unknown } | undefined)?.message_id;
  return eventType === 'im.message.receive_v1' && typeof messageId === 'string'
    ? { key: `msg:${messageId}`, aliases: [`evt:${eventId}`] }
    : { key: `evt:${eventId}`, aliases: [] };
}

export async function dispatchInbound(ctx: AppContext, plain: unknown, transport: Transport): Promise<InboundAnswer> {
  const { config, log } = ctx;

  // (1) shape, token, app, tenant
  const inbound = toInbound(plain);
  if ('error' in inbound) return { status: 400, reason: inbound.error };
  if (transport === 'webhook') {
    const token = config.LARK_VERIFICATION_TOKEN;
    if (!token || inbound.token !== token) return { status: 401, reason: 'verification token does not match' };
  }
  if (!inbound.appId) return { status: 401, reason: 'app id missing' };
  if (config.LARK_APP_ID && inbound.appId !== config.LARK_APP_ID) return { status: 401, reason: 'app id does not match' };
  if (!inbound.tenantKey) return { status: 401, reason: 'tenant_key missing' };
  const isCard = inbound.eventType === CARD_ACTION;
  let tenant: string | null;
  try {
    tenant = await tenantProblem(ctx, inbound.appId, inbound.tenantKey);
  } catch (e) {
    log.error({ err: e, transport }, 'cannot read the tenant in force');
    return isCard ? { status: 200, body: cardErrorResponse() } : { status: 503, reason: 'temporarily unavailable' };
  }
  if (tenant) return { status: 401, reason: tenant };

  // (2) nothing deeper than Lark ever sends (a 200,000-deep array would overflow every recursive step after this)
  if (tooDeep(inbound.event)) {
    if (isCard) return { status: 200, body: cardErrorResponse(TOASTS.badCardValue) };
    return { status: 400, reason: 'event nested too deeply' };
  }
  const event = cleanPayload(inbound.event);

  // (3) card callbacks: answered now, within Lark's 3 seconds
  if (isCard) {
    const age = cardAgeProblem(inbound.createTime, ctx.clock.now());
    if (age) {
      log.warn({ eventId: inbound.eventId, createTime: inbound.createTime, transport, reason: age }, 'card callback refused by its age');
      return { status: 200, body: cardErrorResponse(TOASTS.cardExpired) };
    }
    try {
      return { status: 200, body: await handleCardAction(ctx, inbound.eventId, event) };
    } catch (e) {
      if (badValueError(e)) {
        log.warn(
          { err: e, eventId: inbound.eventId, transport },
          'card action carried a value the database refuses; answered as a bad card',
        );
        return { status: 200, body: cardErrorResponse(TOASTS.badCardValue) };
      }
      log.error({ err: e, eventId: inbound.eventId, transport }, 'card action failed');
      return { status: 200, body: cardErrorResponse() };
    }
  }

  // (4) events: store (dedupe), answer, handle after
  const known = knownEventType(inbound.eventType);
  const { key, aliases } = dedupeKeys(inbound.eventType, inbound.eventId, event);
  let fresh: boolean;
  try {
    fresh = await recordInbound(ctx.db, {
      key,
      aliases,
      eventId: inbound.eventId,
      eventType: inbound.eventType,
      payload: event,
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
