// Complaint clocks in each pass, timed by the complaint rule: no plan (or, outside the remit, no answer) after receipt,
// past the milestone, or fixed and not called back → remind the center's manager of the day (and, for a call-back,
// customer service); unanswered → escalate to the rule's escalate_to. On the measure's warning day, centers below the
// thresholds are warned.
import { inArray } from 'drizzle-orm';
import { complaints, type Complaint } from '../db/schema/index.ts';
import { complaintEscalationCard, complaintReminderCard, kpiWarningCard, type ClockIssue } from '../lark/cards/complaint-cards.ts';
import { instantText } from '../lark/cards/format.ts';
import { shanghaiInstant } from '../lib/shanghai.ts';
import { complaintKpis, pct } from '../features/complaints/complaint-kpis.ts';
import { complaintMeasure, complaintRule, complaintTimings, type ComplaintTimings } from '../features/complaints/complaint-rule.ts';
import { answererOn, recipientIds } from './recipients.ts';
import type { TickContext } from './tick-context.ts';

const HOUR = 3600_000;

export async function processComplaintClocks(ctx: TickContext): Promise<number> {
  const { tx, now, mail, org } = ctx;
  const rule = complaintRule(ctx.rules.book);
  if (!rule?.enabled) return 0;
  const timings = complaintTimings(rule);
  let sent = 0;
  const open = await tx
    .select()
    .from(complaints)
    .where(inArray(complaints.status, ['received', 'reopened', 'planned', 'fixed']));
  for (const c of open) {
    const clock = clockOf(c, timings);
    if (!clock) continue;
    const center = org.centers.get(c.centerCode)?.name ?? c.centerCode;
    // the center's manager today: after a handover the new one is reminded (once more, under their own key)
    const answerer = answererOn(ctx, { kind: 'complaint', centerCode: c.centerCode, ownerId: c.managerId }, ctx.today);
    const manager = org.people.get(answerer ?? c.managerId)?.name ?? c.managerId;
    if (now.getTime() >= clock.remindAt) {
      const card = complaintReminderCard({
        id: c.id,
        what: c.what,
        issue: clock.issue,
        since: clock.since,
        hours: clock.hours,
        escalateHours: timings.escalateAfterHours,
      });
      if (answerer) {
        const key = `complaint:${c.id}:${clock.id}:remind${answerer === c.managerId ? '' : `:${answerer}`}`;
        if (await mail.toPerson(answerer, key, card, `complaint:${c.id}`)) sent++;
      }
      // a call-back is customer service's too: reminded with the manager
      const also = clock.issue === 'callback' ? timings.callbackRemind.flatMap((w) => recipientIds(ctx, w, c.centerCode, ctx.today)) : [];
      for (const who of new Set(also)) {
        if (who === answerer) continue;
        if (await mail.toPerson(who, `complaint:${c.id}:${clock.id}:remind:${who}`, card, `complaint:${c.id}`)) sent++;
      }
    }
    if (now.getTime() >= clock.remindAt + timings.escalateAfterHours * HOUR) {
      const card = complaintEscalationCard({
        id: c.id,
        center,
        manager,
        what: c.what,
        issue: clock.issue,
        since: clock.since,
        hours: clock.hours + timings.escalateAfterHours,
        overdueHours: timings.escalateAfterHours,
      });
      const to = new Set(timings.escalateTo.flatMap((w) => recipientIds(ctx, w, c.centerCode, ctx.today)));
      for (const who of to) {
        if (await mail.toPerson(who, `complaint:${c.id}:${clock.id}:escalate:${who}`, card, `complaint:${c.id}`, { urgent: true })) sent++;
      }
    }
  }
  return sent + (await warnKpis(ctx));
}

interface Clock {
  id: string;
  issue: ClockIssue;
  remindAt: number;
  since: string;
  /** the hours the step is given (0 for a milestone: the day itself) */
  hours: number;
}

/**
 * The clock running for a complaint now: waiting for a plan (since receipt or reopening), for the answer of one outside
 * the remit (since receipt), for the fix (since the milestone), or for the call-back (since the fix).
 */
function clockOf(c: Complaint, t: ComplaintTimings): Clock | null {
  if (c.status === 'received' || c.status === 'reopened') {
    const from = c.status === 'reopened' && c.calledBackAt ? c.calledBackAt : c.receivedAt;
    const issue = c.inRemit ? 'plan' : 'answer';
    return {
      id: `${issue === 'plan' ? 'plan' : 'answer'}${c.reopenCount}`,
      issue,
      remindAt: from.getTime() + t.planWithinHours * HOUR,
      since: instantText(from),
      hours: t.planWithinHours,
    };
  }
  if (c.status === 'planned' && c.milestone) {
    return {
      id: `milestone:${c.milestone}`,
      issue: 'milestone',
      remindAt: shanghaiInstant(c.milestone, '23:59').getTime(),
      since: c.milestone,
      hours: 0,
    };
  }
  if (c.status === 'fixed' && c.fixedAt) {
    return {
      id: `callback${c.reopenCount}`,
      issue: 'callback',
      remindAt: c.fixedAt.getTime() + t.callbackWithinHours * HOUR,
      since: instantText(c.fixedAt),
      hours: t.callbackWithinHours,
    };
  }
  return null;
}

async function warnKpis(ctx: TickContext): Promise<number> {
  const measure = complaintMeasure(ctx.rules.book);
  if (!measure?.enabled || !measure.warn_on_day || Number(ctx.today.slice(8)) !== measure.warn_on_day) return 0;
  if (ctx.now < shanghaiInstant(ctx.today, '10:00')) return 0;
  const min = (metric: string) => measure.thresholds.find((t) => t.metric === metric)?.min ?? 0;
  let sent = 0;
  for (const k of await complaintKpis(ctx.tx, ctx.today.slice(0, 7), ctx.now)) {
    const below = [
      ...(k.closureRate !== null && k.closureRate < min('closure_rate') ? ['处结率'] : []),
      ...(k.satisfaction !== null && k.satisfaction < min('satisfaction') ? ['满意度'] : []),
    ];
    if (below.length === 0) continue;
    const card = kpiWarningCard({
      center: ctx.org.centers.get(k.centerCode)?.name ?? k.centerCode,
      month: `${Number(ctx.today.slice(5, 7))}月`,
      closureRate: pct(k.closureRate),
      satisfaction: pct(k.satisfaction),
      below,
    });
    for (const who of [...recipientIds(ctx, 'manager', k.centerCode, ctx.today), ...recipientIds(ctx, 'leader', k.centerCode, ctx.today)]) {
      if (await ctx.mail.toPerson(who, `kpi-warn:${k.centerCode}:${ctx.today.slice(0, 7)}:${who}`, card, `measure:${measure.id}`)) sent++;
    }
  }
  return sent;
}
