// The anchored-deadline kind: due a number of days from a date that moves (each festival, each quarter's selection day).
import { addDays, shanghaiInstant } from '../../lib/shanghai.ts';
import { periodsBetween } from '../../lib/periods.ts';
import { leaveNote, leaveOn } from '../duties/leave.ts';
import { activeSpan, dutySpec, type DutySpec, type Holding, type KindContext } from '../duties/types.ts';
import type { Anchored } from '../rulebook/schema.ts';

interface Anchor {
  key: string;
  date: string;
  start: string;
  end: string;
}

function anchors(rule: Anchored, ctx: KindContext, from: string, to: string): Anchor[] {
  // anchors whose due day can land in the window lie up to |offset| days after it
  const lo = addDays(from, Math.min(0, -rule.offset_days) - 10);
  const hi = addDays(to, Math.max(0, -rule.offset_days) + 10);
  if (rule.anchor === 'quarter_selection') {
    return periodsBetween('quarter', lo, hi).map((q) => ({ key: q.key, date: q.end, start: q.start, end: q.end }));
  }
  const out: Anchor[] = [];
  for (let y = Number(lo.slice(0, 4)); y <= Number(hi.slice(0, 4)); y++) {
    for (const f of ctx.calendar.festivals(y)) {
      if (rule.festivals && !rule.festivals.includes(f.id)) continue;
      out.push({ key: `${y}-${f.id}`, date: f.date, start: f.date, end: f.date });
    }
  }
  return out;
}

export function anchoredDuties(rule: Anchored, h: Holding, ctx: KindContext): DutySpec[] {
  const out: DutySpec[] = [];
  const span = activeSpan(h, ctx);
  if (span.from > span.to) return out;
  for (const a of anchors(rule, ctx, span.from, span.to)) {
    const dueDay = ctx.calendar.shift(addDays(a.date, rule.offset_days), rule.shift);
    if (dueDay < span.from || dueDay > span.to) continue;
    const leave = leaveOn(h.person, dueDay);
    // a festival plan after the festival is pointless: missing once the anchor has passed
    const due = { day: dueDay, at: shanghaiInstant(dueDay, rule.time), closesAt: shanghaiInstant(a.date, '23:59') };
    out.push(dutySpec(rule, h, a, due, null, leave ? leaveNote(leave) : null));
  }
  return out;
}
