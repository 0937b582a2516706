// node-cron wiring: a pass every minute in Asia/Shanghai, never two at once in this process; the outbox is told after each.
import cron, { type ScheduledTask } from 'node-cron';
import type { AppContext } from '../context.ts';
import { TIME_ZONE } from '../lib/shanghai.ts';
import { runTick, type TickOptions } from './tick.ts';

export function startScheduler(ctx: AppContext, opts: Omit<TickOptions, 'dryRun'> = {}): { stop: () => Promise<void> } {
  let running: Promise<unknown> | undefined;
  const task: ScheduledTask = cron.schedule(
    '* * * * *',
    async () => {
      running = runTick({ db: ctx.db, rules: ctx.rules, log: ctx.log }, ctx.clock.now(), opts)
        .then((r) => {
          if (r.enqueued.length) ctx.log.info({ enqueued: r.enqueued.length, deadlines: r.deadlines }, 'scheduler pass');
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
