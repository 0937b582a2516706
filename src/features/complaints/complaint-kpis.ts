// Monthly complaint figures per center and per leader: closure rate and satisfaction with closures, against 70 % and 80 %.
//
// Definitions (also in the README):
//   closure rate  = complaints received in the month and closed by the cut-off ÷ complaints received in the month
//   satisfaction  = call-backs in the month where the owner was satisfied ÷ all call-backs in the month
// Both count complaints within the property's remit only (「对于物业范畴之内的要制定解决措施和节点」): one outside it
// (非物业职责) is answered or passed on and closed, and counted apart (outsideRemit).
// The cut-off is the month's end (or "now", for the warning on the 20th). No complaints → the rate is not applicable (met).
import { and, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { complaints, complaintSteps } from '../../db/schema/index.ts';
import { addDays, shanghaiInstant } from '../../lib/shanghai.ts';
import { periodOf } from '../../lib/periods.ts';

export interface ComplaintKpi {
  centerCode: string;
  received: number;
  closed: number;
  calledBack: number;
  satisfied: number;
  /** complaints received in the month outside the property's remit (not in the closure rate) */
  outsideRemit: number;
  /** null when nothing was received / called back */
  closureRate: number | null;
  satisfaction: number | null;
}

export async function complaintKpis(db: Db, month: string, cutoff?: Date): Promise<ComplaintKpi[]> {
  const p = periodOf('month', `${month}-01`);
  const start = shanghaiInstant(p.start);
  const end = shanghaiInstant(addDays(p.end, 1));
  const until = cutoff && cutoff < end ? cutoff : end;
  const received = await db
    .select()
    .from(complaints)
    .where(and(gte(complaints.receivedAt, start), lt(complaints.receivedAt, until)));
  const callbacks = await db
    .select({ centerCode: complaints.centerCode, values: complaintSteps.values })
    .from(complaintSteps)
    .innerJoin(complaints, eq(complaints.id, complaintSteps.complaintId))
    .where(and(eq(complaintSteps.step, 'callback'), gte(complaintSteps.at, start), lt(complaintSteps.at, until)));
  const codes = [...new Set([...received.map((c) => c.centerCode), ...callbacks.map((c) => c.centerCode)])].sort();
  return codes.map((code) => {
    const here = received.filter((c) => c.centerCode === code);
    const mine = here.filter((c) => c.inRemit);
    const closed = mine.filter((c) => c.closedAt && c.closedAt < until).length;
    const cbs = callbacks.filter((c) => c.centerCode === code);
    const satisfied = cbs.filter((c) => c.values?.satisfied === 'yes').length;
    return {
      centerCode: code,
      received: mine.length,
      closed,
      calledBack: cbs.length,
      satisfied,
      outsideRemit: here.length - mine.length,
      closureRate: mine.length ? closed / mine.length : null,
      satisfaction: cbs.length ? satisfied / cbs.length : null,
    };
  });
}

/** Figures summed over a leader's centers (the rates recomputed from the sums). */
export function sumKpis(list: ComplaintKpi[], centerCode = '*'): ComplaintKpi {
  const s = list.reduce(
    (a, k) => ({
      received: a.received + k.received,
      closed: a.closed + k.closed,
      calledBack: a.calledBack + k.calledBack,
      satisfied: a.satisfied + k.satisfied,
      outsideRemit: a.outsideRemit + k.outsideRemit,
    }),
    { received: 0, closed: 0, calledBack: 0, satisfied: 0, outsideRemit: 0 },
  );
  return {
    centerCode,
    ...s,
    closureRate: s.received ? s.closed / s.received : null,
    satisfaction: s.calledBack ? s.satisfied / s.calledBack : null,
  };
}

export const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
