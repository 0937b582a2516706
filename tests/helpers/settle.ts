// Waits until every stored Lark event has been handled (the webhook handles them in the background after answering).
import type { AppContext } from '../../src/context.ts';
import { listUnhandledInbound } from '../../src/db/queries/inbound.ts';
import { processUnhandledInbound } from '../../src/lark/events/process-inbound.ts';

export async function settleInbound(ctx: AppContext): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await processUnhandledInbound(ctx, -60_000);
    if ((await listUnhandledInbound(ctx.db, new Date(ctx.clock.now().getTime() + 60_000))).length === 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('stored events were not handled in time');
}
