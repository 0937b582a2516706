// card.action.trigger: who clicked, which action; a repeated click gets the stored answer; otherwise the handler runs in one transaction.
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { getPersonByOpenId } from '../../db/queries/org.ts';
import { cardActions } from '../../db/schema/index.ts';
import { jsonSafe } from '../../lib/json-safe.ts';
import { TOASTS } from '../cards/toasts.ts';
import { cardActionHandler } from './index.ts';
import type { CardResponse } from './types.ts';

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

const hashOf = (v: unknown) => createHash('sha256').update(JSON.stringify(v ?? null)).digest('hex');

export async function handleCardAction(ctx: AppContext, eventId: string, raw: Record<string, unknown>): Promise<CardResponse> {
  const parsed = CardEventSchema.safeParse(raw);
  if (!parsed.success) {
    ctx.log.warn({ eventId, issue: parsed.error.issues[0] }, 'malformed card callback');
    return cardErrorResponse(TOASTS.unknownAction);
  }
  // jsonb refuses NUL and unpaired surrogates: what cannot be stored is replaced, never a 503 for ever
  const e = jsonSafe(parsed.data);
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

  const person = await getPersonByOpenId(ctx.db, e.operator.open_id);
  if (!person || !person.active) return cardErrorResponse(TOASTS.stranger);

  const now = ctx.clock.now();
  const valueHash = hashOf({ value, form: e.action.form_value });
  const messageId = e.context.open_message_id;
  const click = and(
    eq(cardActions.messageId, messageId),
    eq(cardActions.operatorOpenId, e.operator.open_id),
    eq(cardActions.action, action),
    eq(cardActions.valueHash, valueHash),
  );

  const outcome = await ctx.db
    .transaction(async (tx) => {
    const [row] = await tx
      .insert(cardActions)
      .values({ eventId, messageId, operatorOpenId: e.operator.open_id, action, valueHash, value, formValue: e.action.form_value ?? null, receivedAt: now })
      .onConflictDoNothing()
      .returning({ id: cardActions.id });
    if (!row) return { repeated: true as const };
    const response = await handler(tx, ctx, {
      eventId,
      messageId,
      chatId: e.context.open_chat_id,
      person,
      value: value as { a: string },
      formValue: e.action.form_value,
      now,
    });
    // a refusal (an error toast) changes nothing: undo the click record too, so the same click is judged again
    if (response.toast?.type === 'error') throw new Refused(response);
    await tx.update(cardActions).set({ response }).where(eq(cardActions.id, row.id));
    return { repeated: false as const, response };
  })
    .catch((err: unknown) => {
      if (err instanceof Refused) return { repeated: false as const, response: err.response };
      throw err;
    });

  if (!outcome.repeated) {
    ctx.kickOutbox();
    return outcome.response;
  }
  // the same click again (a double click, or Lark re-sending): answer as before, do nothing twice
  const [first] = await ctx.db.select({ response: cardActions.response }).from(cardActions).where(click);
  const stored = (first?.response ?? null) as CardResponse | null;
  ctx.log.info({ eventId, messageId, action }, 'repeated card action; answered from the record');
  return stored ? { ...stored, toast: { type: 'info', content: TOASTS.repeated } } : { toast: { type: 'info', content: TOASTS.inFlight } };
}
