// One scheduler pass as of `now`, in batches: each batch of centers (materialise, deadlines, reminders, morning cards, pace
// nudges) and the global batch (digests, follow-ups, handovers, calendar warning, announcements) is its own transaction, claimed so that
// instances sharing a pass key split the work. Every message and duty has a unique key, so a batch redone sends nothing twice.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { listDepartmentMembers } from '../db/queries/org.ts';
import { reminderFormBody } from '../features/records/reminder-form.ts';
import type { Logger } from '../lib/logger.ts';
import { countDutiesWritten, timedBatch } from '../metrics/hooks.ts';
import type { Metrics } from '../metrics/registry.ts';
import { shanghaiDay } from '../lib/shanghai.ts';
import { loadDutyOrg, type DutyOrg } from '../rules/duties/duty-org.ts';
import type { RulesContext } from '../rules/rules-context.ts';
import { announceScores } from './announce.ts';
import { orgOfBatch, planBatches, type Batch } from './batches.ts';
import { warnMissingCalendar } from './calendar-warning.ts';
import { claimBatch, ensureClaimRows, markBatchDone } from './claim.ts';
import { processComplaintClocks } from './complaint-clocks.ts';
import { processDeadlines, sendDeadlineDigests, type DeadlineReport } from './deadlines.ts';
import { processFollowUps } from './followup-clocks.ts';
import { sendHandoverCards } from './handovers.ts';
import { TickMailer, type Enqueued } from './mailer.ts';
import { materialize, type MaterializeReport } from './materialize.ts';
import { sendMorningCards } from './morning.ts';
import { sendPaceNudges } from './pace.ts';
import { sendReminders, type ReminderBody } from './reminders.ts';
import type { TickContext } from './tick-context.ts';

export interface TickOptions {
  /** compute everything, write nothing (each batch's transaction is rolled back; no batch is claimed) */
  dryRun?: boolean;
  /** materialise duties even if nothing changed since the last pass */
  rematerialize?: boolean;
  /** fills reminder cards with their form (the forms feature) */
  reminderBody?: ReminderBody;
  /**
   * The key instances share for one pass (the cron uses the minute, see minutePass): a batch done under it by any instance
   * is not done again. Without it this call is a pass of its own (it still skips a batch another instance holds right now).
   */
  pass?: string;
  /** who runs the pass, noted on the batches it did */
  instance?: string;
  /** centers per batch (default BATCH_CENTERS) */
  batchSize?: number;
}

interface BatchStats {
  /** batches the pass was split into, the global one included */
  total: number;
  /** done by this call */
  ran: number;
  /** done (or being done) by another instance under the same pass key */
  skipped: number;
  failed: number;
  /** milliseconds each batch this call ran took (its transaction included) */
  ms: { no: number; ms: number }[];
}

export interface TickReport {
  at: string;
  dryRun: boolean;
  /** null when no batch had anything to materialise */
  materialized: MaterializeReport | null;
  deadlines: DeadlineReport;
  reminders: number;
  morningCards: number;
  paceNudges: number;
  followUps: number;
  /** handover cards enqueued (the new manager's, the leader's) */
  handovers: number;
  calendarMissing: number[];
  announced: string[];
  enqueued: Enqueued[];
  skipped: { personId: string; reason: string }[];
  batches: BatchStats;
}

class DryRun extends Error {
  constructor(readonly part: Partial<TickReport>) {
    super('dry run');
  }
}

interface Deps {
  db: Db;
  rules: RulesContext;
  log: Logger;
  /** the service's metrics: batch durations and duties written (absent in the CLI) */
  metrics?: Metrics;
}

export async function runTick(deps: Deps, now: Date, opts: TickOptions = {}): Promise<TickReport> {
  const org = await loadDutyOrg(deps.db);
  const departments = new Map<string, string[]>();
  for (const m of await listDepartmentMembers(deps.db, { activeOnly: true }))
    departments.set(m.department, [...(departments.get(m.department) ?? []), m.personId]);
  const batches = planBatches(org, shanghaiDay(now), opts.batchSize);
  const pass = opts.pass ?? `once:${now.toISOString()}:${randomUUID()}`;
  const instance = opts.instance ?? `pid:${process.pid}`;
  if (!opts.dryRun) await ensureClaimRows(deps.db, batches.length, now);

  const report: TickReport = {
    at: now.toISOString(),
    dryRun: Boolean(opts.dryRun),
    materialized: null,
    deadlines: { overdue: 0, missed: 0, done: 0, short: 0 },
    reminders: 0,
    morningCards: 0,
    paceNudges: 0,
    followUps: 0,
    handovers: 0,
    calendarMissing: [],
    announced: [],
    enqueued: [],
    skipped: [],
    batches: { total: batches.length, ran: 0, skipped: 0, failed: 0, ms: [] },
  };
  // the centers first, the global batch last: its digests then see every deadline of this pass moved
  let failure: unknown;
  for (const batch of [...batches.slice(1), batches[0]!]) {
    const t0 = performance.now();
    try {
      const part = await timedBatch(deps.metrics, () => runBatch(deps, now, org, departments, batch, pass, instance, opts));
      if (!part) {
        report.batches.skipped++;
        continue;
      }
      merge(report, part);
      if (!opts.dryRun) countDutiesWritten(deps.metrics, part.materialized?.created ?? 0);
      report.batches.ran++;
      report.batches.ms.push({ no: batch.no, ms: Math.round(performance.now() - t0) });
    } catch (e) {
      // one batch lost (rolled back); the others go on, and the next pass redoes this one
      report.batches.failed++;
      failure ??= e;
      deps.log.error({ err: e, batch: batch.no, pass }, 'scheduler batch failed');
    }
  }
  if (failure) throw failure;
  return report;
}

/** One batch in its own transaction; null when another instance has it (or had it) under this pass key. */
async function runBatch(
  deps: Deps,
  now: Date,
  org: DutyOrg,
  departments: Map<string, string[]>,
  batch: Batch,
  pass: string,
  instance: string,
  opts: TickOptions,
): Promise<Partial<TickReport> | null> {
  try {
    return await deps.db.transaction(async (tx) => {
      if (!opts.dryRun && !(await claimBatch(tx, pass, batch.no))) return null;
      const global = batch.no === 0;
      const ctx: TickContext = {
        tx,
        now,
        today: shanghaiDay(now),
        rules: deps.rules,
        org: global ? org : orgOfBatch(org, batch),
        departments,
        mail: new TickMailer(tx, now, deps.rules.book.settings, org),
        log: deps.log,
        batch: global ? { no: 0 } : { no: batch.no, centers: batch.centers, people: batch.people },
      };
      ctx.mail.buffer();
      if (global) await sendDeadlineDigests(ctx);
      const part: Partial<TickReport> = global
        ? {
            deadlines: { overdue: 0, missed: 0, done: 0, short: 0 },
            followUps: (await processFollowUps(ctx)) + (await processComplaintClocks(ctx)),
            handovers: await sendHandoverCards(ctx),
            calendarMissing: await warnMissingCalendar(ctx),
            announced: await announceScores(ctx),
          }
        : {
            materialized: await materialize(ctx, opts.rematerialize),
            deadlines: await processDeadlines(ctx),
            reminders: await sendReminders(ctx, opts.reminderBody ?? reminderFormBody(org, now)),
            morningCards: await sendMorningCards(ctx),
            paceNudges: await sendPaceNudges(ctx),
          };
      await ctx.mail.flush();
      part.enqueued = ctx.mail.sent;
      part.skipped = ctx.mail.skipped;
      if (opts.dryRun) throw new DryRun(part);
      await markBatchDone(tx, pass, batch.no, instance, now);
      return part;
    });
  } catch (e) {
    if (e instanceof DryRun) return e.part;
    throw e;
  }
}

function merge(into: TickReport, part: Partial<TickReport>): void {
  if (part.materialized) {
    const m = (into.materialized ??= { created: 0, cancelled: 0, suspended: 0, reopened: 0 });
    m.created += part.materialized.created;
    m.cancelled += part.materialized.cancelled;
    m.suspended += part.materialized.suspended;
    m.reopened += part.materialized.reopened;
  }
  if (part.deadlines) for (const k of ['overdue', 'missed', 'done', 'short'] as const) into.deadlines[k] += part.deadlines[k];
  into.reminders += part.reminders ?? 0;
  into.morningCards += part.morningCards ?? 0;
  into.paceNudges += part.paceNudges ?? 0;
  into.followUps += part.followUps ?? 0;
  into.handovers += part.handovers ?? 0;
  into.calendarMissing.push(...(part.calendarMissing ?? []));
  into.announced.push(...(part.announced ?? []));
  into.enqueued.push(...(part.enqueued ?? []));
  into.skipped.push(...(part.skipped ?? []));
}
