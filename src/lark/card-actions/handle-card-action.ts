// card.action.trigger: who clicked (cached), which action; a repeated click gets the stored answer; otherwise one statement (a plan) or one transaction.
// The envelope arrives checked and cleaned (src/lark/inbound/dispatch.ts); here the value's depth is bounded too.
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { cachedActivePerson, forgetCachedPerson } from '../../db/queries/person-cache.ts';
import { cardActions } from '../../db/schema/index.ts';
import { nestedDeeperThan } from '../../lib/json-depth.ts';
import { cleanPayload } from '../inbound/sanitize.ts';
import { TOASTS } from '../cards/toasts.ts';
import { type Click, runClickStatement } from './click-statement.ts';
import { cardActionHandler, cardActionPlanner } from './index.ts';
import type { CardActionHandler, CardActionInput, CardActionPlan, CardResponse } from './types.ts';

const CardEventSchema = z.object({
  operator: z.object({ open_id: z.string().min(1) }),
  token: z.string().optional(),
  action: z.object({
    value: z.union([z.object({ a: z.string().min(1).max(64) }).passthrough(), z.string()]),
    tag: z.string().optional(),
    name: z.string().optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
  }),
  context: z.object({ open_message_id: z.string().min(1), open_chat_id: z.string().optional() }),
});

/** Rolls back a click whose answer is a refusal. */
class Refused extends Error {
  constructor(readonly response: CardResponse) {
    super('refused');
  }
}

export const cardErrorResponse = (content = TOASTS.busy): CardResponse => ({ toast: { type: 'error', content } });

/** A card's value and form_value are a few levels deep (field → multi-select list); anything deeper is not our card. */
const MAX_VALUE_DEPTH = 6;

/**
 * Errors in which the database refuses a value the card carried (an id out of int4 range, a number that is no number, a
 * value nested too deeply): the click is answered as a bad card, not as 「系统繁忙」. Handlers check ids themselves
 * (src/lib/card-id.ts); this is the net under them. The transaction has rolled back: nothing is stored.
 */
const BAD_VALUE_CODES = new Set(['22003', '22P02', '22007', '22008', '22021', '22P05', '54001']);

export function badValueError(e: unknown): boolean {
  for (let c: unknown = e, i = 0; c && typeof c === 'object' && i < 5; c = (c as { cause?: unknown }).cause, i++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && BAD_VALUE_CODES.has(code)) return true;
  }
  return false;
}

/**
 * Actions that store what they file under their card's one-time nonce (the cards mint 6 or 8 random bytes in hex): a
 * value without one cannot be told from another card's, so it is refused before any handler runs — never filed under
 * a shared "" or "undefined" that would absorb other people's submissions.
 */
const NONCE_ACTIONS = new Set([
  'record.submit',
  'complaint.register',
  'complaint.plan',
  'complaint.fixed',
  'complaint.callback',
  'complaint.answer',
  'quality.deduct',
  'quality.redline',
  'quality.joint',
  'emergency.report',
  'task.hand',
]);
const NONCE = /^[0-9a-f]{12,32}$/;

const hashOf = (v: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(v ?? null))
    .digest('hex');

export async function handleCardAction(ctx: AppContext, eventId: string, raw: Record<string, unknown>): Promise<CardResponse> {
  const parsed = CardEventSchema.safeParse(raw);
  if (!parsed.success) {
    ctx.log.warn({ eventId, issue: parsed.error.issues[0] }, 'malformed card callback');
    return cardErrorResponse(TOASTS.unknownAction);
  }
  // the dispatcher has bounded the envelope's depth and cleaned its text (NUL, lone surrogates, bidi controls)
  const e = parsed.data;
  let value = e.action.value;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as { a: string };
    } catch {
      return cardErrorResponse(TOASTS.unknownAction);
    }
  }
  if (nestedDeeperThan(value, MAX_VALUE_DEPTH) || nestedDeeperThan(e.action.form_value, MAX_VALUE_DEPTH)) {
    ctx.log.warn({ eventId }, 'card callback value nested too deeply');
    return cardErrorResponse(TOASTS.badCardValue);
  }
  if (typeof e.action.value === 'string') value = cleanPayload(value);
  const action = typeof value === 'object' && value && typeof value.a === 'string' ? value.a : '';
  const handler = cardActionHandler(action);
  if (!handler) return cardErrorResponse(TOASTS.unknownAction);
  if (NONCE_ACTIONS.has(action) && !(typeof value === 'object' && typeof value.n === 'string' && NONCE.test(value.n)))
    return cardErrorResponse(TOASTS.formWithoutNonce);

  const openId = e.operator.open_id;
  const messageId = e.context.open_message_id;
  const now = ctx.clock.now();
  const click: Click = {
    eventId,
    messageId,
    operatorOpenId: openId,
    action,
    valueHash: hashOf({ value, form: e.action.form_value }),
    value,
    formValue: e.action.form_value,
    receivedAt: now,
  };
  const planner = cardActionPlanner(action);

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const found = await cachedActivePerson(ctx.db, openId, now);
    if (!found) return cardErrorResponse(TOASTS.stranger);
    const input: CardActionInput = {
      eventId,
      messageId,
      chatId: e.context.open_chat_id,
      person: found.person,
      value: value as { a: string },
      formValue: e.action.form_value,
      now,
    };

    const plan = planner?.(ctx, input);
    // a refusal (an error toast) changes nothing, and leaves no click record: the same click is judged again
    if (plan?.response.toast?.type === 'error') return plan.response;
    const outcome = plan
      ? await planned(ctx, { ...click, response: plan.response }, found.version, plan)
      : await inTransaction(ctx, click, found.version, handler, input);
    if ('stale' in outcome) {
      // an org import (maybe in another instance) came after this person was read: read them again
      forgetCachedPerson(ctx.db, openId);
      continue;
    }
    if ('repeated' in outcome) return repeatedAnswer(ctx, click);
    if (!plan && outcome.response.toast?.type !== 'error') ctx.kickOutbox();
    return outcome.response;
  }
  ctx.log.warn({ eventId, messageId, action }, 'the org kept changing under a card action; answered busy');
  return cardErrorResponse();
}

/** Org imports in a row can make a click statement stale; a click is retried this often with the person read again. */
const MAX_ATTEMPTS = 3;

type Outcome = { response: CardResponse } | { repeated: true } | { stale: true };

/** The fast path: click, the handler's write and the answer in one statement (one round trip, autocommit). */
async function planned(ctx: AppContext, click: Click, version: number, plan: CardActionPlan): Promise<Outcome> {
  const r = await runClickStatement(ctx.db, click, version, plan.write);
  return 'recorded' in r ? { response: plan.response } : r;
}

/** Handlers that need reads: the click statement, the handler and the stored answer in one transaction. */
async function inTransaction(
  ctx: AppContext,
  click: Click,
  version: number,
  handler: CardActionHandler,
  input: CardActionInput,
): Promise<Outcome> {
  return ctx.db
    .transaction(async (tx): Promise<Outcome> => {
      const r = await runClickStatement(tx, click, version);
      if (!('recorded' in r)) return r;
      const response = await handler(tx, ctx, input);
      // a refusal (an error toast) changes nothing: undo the click record too, so the same click is judged again
      if (response.toast?.type === 'error') throw new Refused(response);
      await tx.update(cardActions).set({ response }).where(eq(cardActions.id, r.recorded));
      return { response };
    })
    .catch((err: unknown) => {
      if (err instanceof Refused) return { response: err.response };
      throw err;
    });
}

/** The same click again (a double click, or Lark re-sending): answer as before, do nothing twice. */
async function repeatedAnswer(ctx: AppContext, c: Click): Promise<CardResponse> {
  const [first] = await ctx.db
    .select({ response: cardActions.response })
    .from(cardActions)
    .where(
      and(
        eq(cardActions.messageId, c.messageId),
        eq(cardActions.operatorOpenId, c.operatorOpenId),
        eq(cardActions.action, c.action),
        eq(cardActions.valueHash, c.valueHash),
      ),
    );
  const stored = (first?.response ?? null) as CardResponse | null;
  ctx.log.info({ eventId: c.eventId, messageId: c.messageId, action: c.action }, 'repeated card action; answered from the record');
  return stored ? { ...stored, toast: { type: 'info', content: TOASTS.repeated } } : { toast: { type: 'info', content: TOASTS.inFlight } };
}
