// node-cron wiring: a pass every minute in Asia/Shanghai (shared by instances by its minute), never two at once in this process; the outbox is told after each.
import cron, { type ScheduledTask } from 'node-cron';
import type { AppContext } from '../context.ts';
import { TIME_ZONE } from '../lib/shanghai.ts';
import { minutePass } from './claim.ts';
import { runTick, type TickOptions } from './tick.ts';

export function startScheduler(ctx: AppContext, opts: Omit<TickOptions, 'dryRun'> = {}): { stop: () => Promise<void> } {
  let running: Promise<unknown> | undefined;
  const task: ScheduledTask = cron.schedule(
    '* * * * *',
    async () => {
      const now = ctx.clock.now();
      // the minute is the pass key: instances on one database split its batches between them
      running = runTick({ db: ctx.db, rules: ctx.rules, log: ctx.log, metrics: ctx.metrics }, now, { ...opts, pass: minutePass(now) })
        .then((r) => {
          if (r.enqueued.length)
            ctx.log.info(
              { enqueued: r.enqueued.length, deadlines: r.deadlines, batches: { ran: r.batches.ran, skipped: r.batches.skipped } },
              'scheduler pass',
            );
          ctx.kickOutbox();
        })
        .catch((e) => ctx.log.error({ err: e }, 'scheduler pass failed'));
      await running;
    },
    { timezone: TIME_ZONE, name: 'steward-tick', noOverlap: true },
  );
  return {
    stop: async () => {
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
