// card.action.trigger: who clicked (cached), which action; a repeated click gets the stored answer; otherwise one statement (a plan) or one transaction.
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { cachedActivePerson, forgetCachedPerson } from '../../db/queries/person-cache.ts';
import { cardActions } from '../../db/schema/index.ts';
import { jsonSafe } from '../../lib/json-safe.ts';
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

/** JSON.stringify writes a NUL or a lone surrogate as an escape (\u0000, \udXXX): only then is jsonSafe's copy needed. */
const mayBeUnsafe = (v: unknown) => /\\u0000|\\ud[89a-f]/i.test(JSON.stringify(v));

const hashOf = (v: unknown) => createHash('sha256').update(JSON.stringify(v ?? null)).digest('hex');

export async function handleCardAction(ctx: AppContext, eventId: string, raw: Record<string, unknown>): Promise<CardResponse> {
  const parsed = CardEventSchema.safeParse(raw);
  if (!parsed.success) {
    ctx.log.warn({ eventId, issue: parsed.error.issues[0] }, 'malformed card callback');
    return cardErrorResponse(TOASTS.unknownAction);
  }
  // jsonb refuses NUL and unpaired surrogates: what cannot be stored is replaced, never a 503 for ever
  const e = mayBeUnsafe(parsed.data) ? jsonSafe(parsed.data) : parsed.data;
  let value = e.action.value;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as { a: string };
    } catch {
      return cardErrorResponse(TOASTS.unknownAction);
    }
  }
  const action = typeof value === 'object' && value && typeof value.a === 'string' ? value.a : '';
  const handler = cardActionHandler(action);
  if (!handler) return cardErrorResponse(TOASTS.unknownAction);

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
    const input: CardActionInput = { eventId, messageId, chatId: e.context.open_chat_id, person: found.person, value: value as { a: string }, formValue: e.action.form_value, now };

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
async function inTransaction(ctx: AppContext, click: Click, version: number, handler: CardActionHandler, input: CardActionInput): Promise<Outcome> {
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
    .where(and(eq(cardActions.messageId, c.messageId), eq(cardActions.operatorOpenId, c.operatorOpenId), eq(cardActions.action, c.action), eq(cardActions.valueHash, c.valueHash)));
  const stored = (first?.response ?? null) as CardResponse | null;
  ctx.log.info({ eventId: c.eventId, messageId: c.messageId, action: c.action }, 'repeated card action; answered from the record');
  return stored ? { ...stored, toast: { type: 'info', content: TOASTS.repeated } } : { toast: { type: 'info', content: TOASTS.inFlight } };
}
