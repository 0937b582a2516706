// One scheduler pass as of `now`, in one transaction: duties materialised, deadlines passed, reminders, morning cards, nudges.
// Every message has a unique outbox key, so a pass repeated (restart, several instances, `steward tick`) sends nothing twice.
import type { Db } from '../db/client.ts';
import { reminderFormBody } from '../features/records/reminder-form.ts';
import { listDepartmentMembers } from '../db/queries/org.ts';
import type { Logger } from '../lib/logger.ts';
import { shanghaiDay } from '../lib/shanghai.ts';
import { loadDutyOrg } from '../rules/duties/duty-org.ts';
import type { RulesContext } from '../rules/rules-context.ts';
import { warnMissingCalendar } from './calendar-warning.ts';
import { announceScores } from './announce.ts';
import { processFollowUps } from './followup-clocks.ts';
import { processComplaintClocks } from './complaint-clocks.ts';
import { processDeadlines, type DeadlineReport } from './deadlines.ts';
import { TickMailer, type Enqueued } from './mailer.ts';
import { materialize, type MaterializeReport } from './materialize.ts';
import { sendMorningCards } from './morning.ts';
import { sendPaceNudges } from './pace.ts';
import { sendReminders, type ReminderBody } from './reminders.ts';
import type { TickContext } from './tick-context.ts';

export interface TickOptions {
  /** compute everything, write nothing (the transaction is rolled back) */
  dryRun?: boolean;
  /** materialise duties even if nothing changed since the last pass */
  rematerialize?: boolean;
  /** fills reminder cards with their form (the forms feature) */
  reminderBody?: ReminderBody;
}

export interface TickReport {
  at: string;
  dryRun: boolean;
  materialized: MaterializeReport | null;
  deadlines: DeadlineReport;
  reminders: number;
  morningCards: number;
  paceNudges: number;
  followUps: number;
  calendarMissing: number[];
  announced: string[];
  enqueued: Enqueued[];
  skipped: { personId: string; reason: string }[];
}

class DryRun extends Error {
  constructor(readonly report: TickReport) {
    super('dry run');
  }
}

export async function runTick(deps: { db: Db; rules: RulesContext; log: Logger }, now: Date, opts: TickOptions = {}): Promise<TickReport> {
  try {
    return await deps.db.transaction(async (tx) => {
      const org = await loadDutyOrg(tx);
      const departments = new Map<string, string[]>();
      for (const m of await listDepartmentMembers(tx, { activeOnly: true })) departments.set(m.department, [...(departments.get(m.department) ?? []), m.personId]);
      const ctx: TickContext = {
        tx,
        now,
        today: shanghaiDay(now),
        rules: deps.rules,
        org,
        departments,
        mail: new TickMailer(tx, now, deps.rules.book.settings, org),
        log: deps.log,
      };
      const materialized = await materialize(ctx, opts.rematerialize);
      const deadlines = await processDeadlines(ctx);
      const reminders = await sendReminders(ctx, opts.reminderBody ?? reminderFormBody(org, now));
      const morningCards = await sendMorningCards(ctx);
      const paceNudges = await sendPaceNudges(ctx);
      const followUps = (await processFollowUps(ctx)) + (await processComplaintClocks(ctx));
      const calendarMissing = await warnMissingCalendar(ctx);
      const announced = await announceScores(ctx);
      const report: TickReport = {
        at: now.toISOString(),
        dryRun: Boolean(opts.dryRun),
        materialized,
        deadlines,
        reminders,
        morningCards,
        paceNudges,
        followUps,
        calendarMissing,
        announced,
        enqueued: ctx.mail.sent,
        skipped: ctx.mail.skipped,
      };
      if (opts.dryRun) throw new DryRun(report);
      return report;
    });
  } catch (e) {
    if (e instanceof DryRun) return e.report;
    throw e;
  }
}
