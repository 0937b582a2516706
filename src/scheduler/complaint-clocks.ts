// Complaint clocks in each pass: no plan 24 h after receipt, or past the milestone → remind the center's manager of the day; 24 h later →
// escalate to the leader in charge. On the measure's warning day, centers below the thresholds are warned.
import { inArray } from 'drizzle-orm';
import { complaints, type Complaint } from '../db/schema/index.ts';
import { complaintEscalationCard, complaintReminderCard, kpiWarningCard } from '../lark/cards/complaint-cards.ts';
import { instantText } from '../lark/cards/format.ts';
import { shanghaiInstant } from '../lib/shanghai.ts';
import { complaintKpis, pct } from '../features/complaints/complaint-kpis.ts';
import type { Measure } from '../rules/rulebook/schema.ts';
import { answererOn, holderOn } from './recipients.ts';
import type { TickContext } from './tick-context.ts';

const DAY = 24 * 3600_000;

export async function processComplaintClocks(ctx: TickContext): Promise<number> {
  const { tx, now, mail, org } = ctx;
  const rule = ctx.rules.book.rules.find((r) => r.id === 'customer.complaint');
  if (!rule?.enabled) return 0;
  let sent = 0;
  const open = await tx
    .select()
    .from(complaints)
    .where(inArray(complaints.status, ['received', 'reopened', 'planned']));
  for (const c of open) {
    const clock = clockOf(c);
    if (!clock) continue;
    const center = org.centers.get(c.centerCode)?.name ?? c.centerCode;
    // the center's manager today: after a handover the new one is reminded (once more, under their own key)
    const answerer = answererOn(ctx, { kind: 'complaint', centerCode: c.centerCode, ownerId: c.managerId }, ctx.today);
    const manager = org.people.get(answerer ?? c.managerId)?.name ?? c.managerId;
    if (answerer && now.getTime() >= clock.remindAt) {
      if (
        await mail.toPerson(
          answerer,
          `complaint:${c.id}:${clock.id}:remind${answerer === c.managerId ? '' : `:${answerer}`}`,
          complaintReminderCard({ id: c.id, what: c.what, issue: clock.issue, since: clock.since }),
          `complaint:${c.id}`,
        )
      )
        sent++;
    }
    if (now.getTime() >= clock.remindAt + DAY) {
      for (const leader of holderOn(ctx, c.centerCode, 'leader', ctx.today)) {
        const card = complaintEscalationCard({ id: c.id, center, manager, what: c.what, issue: clock.issue, since: clock.since });
        if (await mail.toPerson(leader, `complaint:${c.id}:${clock.id}:escalate:${leader}`, card, `complaint:${c.id}`, { urgent: true }))
          sent++;
      }
    }
  }
  return sent + (await warnKpis(ctx));
}

/** The clock running for a complaint now: waiting for a plan (since receipt or reopening), or for the fix (since the milestone). */
function clockOf(c: Complaint): { id: string; issue: 'plan' | 'milestone'; remindAt: number; since: string } | null {
  if (c.status === 'received' || c.status === 'reopened') {
    const from = c.status === 'reopened' && c.calledBackAt ? c.calledBackAt : c.receivedAt;
    return { id: `plan${c.reopenCount}`, issue: 'plan', remindAt: from.getTime() + DAY, since: instantText(from) };
  }
  if (c.status === 'planned' && c.milestone) {
    return {
      id: `milestone:${c.milestone}`,
      issue: 'milestone',
      remindAt: shanghaiInstant(c.milestone, '23:59').getTime(),
      since: c.milestone,
    };
  }
  return null;
}

async function warnKpis(ctx: TickContext): Promise<number> {
  const measure = ctx.rules.book.rules.find((r): r is Measure => r.id === 'customer.complaint_kpis' && r.kind === 'measure');
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
    for (const who of [...holderOn(ctx, k.centerCode, 'manager', ctx.today), ...holderOn(ctx, k.centerCode, 'leader', ctx.today)]) {
      if (await ctx.mail.toPerson(who, `kpi-warn:${k.centerCode}:${ctx.today.slice(0, 7)}:${who}`, card, 'measure:customer.complaint_kpis'))
        sent++;
    }
  }
  return sent;
}
