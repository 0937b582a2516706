// Handles a stored event after the webhook answered: claim it, run its handler, record the outcome; retries what failed.
import type { AppContext } from '../../context.ts';
import { claimInbound, finishInbound, listUnhandledInbound } from '../../db/queries/inbound.ts';
import { eventHandler, SkipEvent } from './index.ts';

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 5;

/** Handles one stored event; safe to call from several places or instances (the claim decides who runs it). */
async function processInbound(ctx: AppContext, key: string): Promise<'done' | 'skipped' | 'failed' | 'retry' | 'taken'> {
  const row = await claimInbound(ctx.db, key, ctx.clock.now(), LEASE_MS);
  if (!row) return 'taken';
  const handler = eventHandler(row.eventType);
  const log = ctx.log.child({ eventId: row.eventId, eventType: row.eventType });
  try {
    if (!handler) throw new SkipEvent('no handler');
    await handler(ctx, row.payload, { eventId: row.eventId, key });
    await finishInbound(ctx.db, key, 'done', ctx.clock.now());
    ctx.kickOutbox();
    return 'done';
  } catch (e) {
    if (e instanceof SkipEvent) {
      log.info({ reason: e.message }, 'event skipped');
      await finishInbound(ctx.db, key, 'skipped', ctx.clock.now(), e.message);
      return 'skipped';
    }
    const last = row.attempts >= MAX_ATTEMPTS;
    log.error({ err: e, attempts: row.attempts }, last ? 'event handling failed for good' : 'event handling failed; will retry');
    await finishInbound(ctx.db, key, last ? 'failed' : 'pending', ctx.clock.now(), String((e as Error).message ?? e)).catch(() => {});
    return last ? 'failed' : 'retry';
  }
}

/** Runs right after the HTTP answer has gone out. */
export function processInboundSoon(ctx: AppContext, key: string): void {
  setImmediate(() => {
    processInbound(ctx, key).catch((e) => ctx.log.error({ err: e, key }, 'event processing crashed'));
  });
}

/** Picks up what a crash or a failure left: events stored over `ageMs` ago and not handled yet. */
export async function processUnhandledInbound(ctx: AppContext, ageMs = 10_000): Promise<number> {
  const keys = await listUnhandledInbound(ctx.db, new Date(ctx.clock.now().getTime() - ageMs));
  let handled = 0;
  for (const key of keys) if ((await processInbound(ctx, key)) !== 'taken') handled++;
  return handled;
}
