// steward tick --at TIME [--dry-run] [--json]: one scheduler pass as of an instant, then delivery of what it enqueued.
import { parseArgs } from 'node:util';
import { larkClientOf } from '../lark/lark-client.ts';
import { FixedClock } from '../lib/clock.ts';
import { createLogger } from '../lib/logger.ts';
import { OutboxSender, type SendReport } from '../outbox/sender.ts';
import { notifyAdminsOfFailure } from '../outbox/notify-failure.ts';
import { loadRulesContext } from '../rules/rules-context.ts';
import { runTick } from '../scheduler/tick.ts';
import { CliError, type Command } from './io.ts';
import { withDatabase } from './with-database.ts';

const USAGE = 'usage: steward tick --at 2026-11-27T16:30:00+08:00 [--dry-run] [--json]';

export const tickCommand: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: { at: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  if (!values.at) throw new CliError(USAGE);
  const at = new Date(values.at);
  if (Number.isNaN(at.getTime()) || !/T\d{2}:\d{2}/.test(values.at))
    throw new CliError(`--at must be an ISO-8601 time such as 2026-11-27T16:30:00+08:00, not "${values.at}"`);
  const dryRun = values['dry-run'];
  const log = createLogger({ level: 'warn', stream: 'stderr' });

  const result = await withDatabase(io, async (database, config) => {
    const rules = await loadRulesContext(config);
    const report = await runTick({ db: database.db, rules, log }, at, { dryRun });
    let delivery: (SendReport & { waiting?: number }) | null = null;
    if (!dryRun && report.enqueued.length) {
      const client = larkClientOf(config, log);
      if (client) {
        const clock = new FixedClock(at);
        const sender: OutboxSender = new OutboxSender({
          db: database.db,
          clock,
          client,
          log,
          onPermanentFailure: (row, err) => notifyAdminsOfFailure(database.db, clock.now(), row, err).then(() => undefined),
        });
        delivery = await sender.drain();
      } else {
        delivery = { sent: 0, retried: 0, failed: 0, waiting: report.enqueued.length };
      }
    }
    return { ...report, delivery };
  });

  if (values.json) {
    io.out(`${JSON.stringify(result)}\n`);
    return 0;
  }
  io.out(`tick at ${result.at}${dryRun ? ' (dry run: nothing written)' : ''}\n`);
  if (result.materialized)
    io.out(
      `  duties: ${result.materialized.created} created, ${result.materialized.cancelled} cancelled, ${result.materialized.suspended} suspended\n`,
    );
  const d = result.deadlines;
  io.out(`  deadlines: ${d.overdue} overdue, ${d.missed} missed; quotas: ${d.done} done, ${d.short} short\n`);
  for (const m of result.enqueued)
    io.out(`  ${dryRun ? 'would send' : 'sent'}: ${m.name} — ${m.title}${m.notBefore ? ` (not before ${m.notBefore})` : ''}\n`);
  if (result.calendarMissing.length) io.out(`  calendar: no holiday data for ${result.calendarMissing.join(', ')}\n`);
  if (result.delivery?.waiting) io.out(`  LARK_APP_ID is not set: ${result.delivery.waiting} messages wait in the outbox\n`);
  else if (result.delivery)
    io.out(`  delivered: ${result.delivery.sent} sent, ${result.delivery.retried} to retry, ${result.delivery.failed} failed\n`);
  return 0;
};
