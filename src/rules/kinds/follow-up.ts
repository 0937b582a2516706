// The follow-up kind: clocks an event starts and something stops, read from each rule's data (starts, within_hours or due_field, stops, bounds).
import { addDays, shanghaiDay, shanghaiInstant, shanghaiTime } from '../../lib/shanghai.ts';
import type { ClockStartSpec, FollowUp, Rule } from '../rulebook/schema.ts';

const HOUR = 3600_000;

type FormStart = Extract<ClockStartSpec, { by: 'form' }>;
type Values = Record<string, unknown>;

/** The follow-up rules in force (a rule switched off starts, stops, lists and tells nothing). */
export const followUpRules = (rules: Rule[]): FollowUp[] => rules.filter((r): r is FollowUp => r.kind === 'follow_up' && r.enabled);

export const followUpRule = (rules: Rule[], id: string): FollowUp | undefined => followUpRules(rules).find((r) => r.id === id);

/** Rules whose clock a filed form starts, with the start that matches. */
export function startsByForm(rules: Rule[], formId: string): { rule: FollowUp; start: FormStart }[] {
  return followUpRules(rules).flatMap((rule) =>
    rule.starts.filter((s): s is FormStart => s.by === 'form' && s.form === formId).map((start) => ({ rule, start })),
  );
}

/** The rule a click reports an event of (突发事件, a task handed over), if one is in force. */
export const startedByClick = (rules: Rule[], action: string): FollowUp | undefined =>
  followUpRules(rules).find((r) => r.starts.some((s) => s.by === 'click' && s.action === action));

/** Rules whose open clocks a filed form stops. */
export const stoppedByForm = (rules: Rule[], formId: string): FollowUp[] =>
  followUpRules(rules).filter((r) => r.stops?.by === 'form' && r.stops.form === formId);

/** The words of the button that stops a rule's clock, when a click stops it. */
export const stopButton = (rule: FollowUp | undefined): string | undefined => (rule?.stops?.by === 'click' ? rule.stops.button : undefined);

/** Rules a person stops, by a click or a record (their open clocks are listed in 待办); a state is reached elsewhere. */
export const stoppableRules = (rules: Rule[]): FollowUp[] =>
  followUpRules(rules).filter((r) => r.stops?.by === 'click' || r.stops?.by === 'form');

/** The hours of a rule's clock from its event (24 when the rule gives none and no entered deadline). */
export const hoursOf = (rule: FollowUp): number => rule.within_hours ?? 24;

/** "2026-11-27 09:30", or a day and a time ("2026-11-27", "09:30") → the instant in Shanghai; null when unreadable. */
function eventTime(start: FormStart, values: Values): Date | null {
  if (!start.at) return null;
  const parts = start.at.map((f) => values[f]);
  if (!parts.every((p) => typeof p === 'string')) return null;
  const text = (parts as string[]).join(' ');
  const m = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}))?$/.exec(text);
  return m ? shanghaiInstant(m[1]!, m[2] ?? '00:00') : null;
}

export interface ClockPlan {
  startedAt: Date;
  dueAt: Date;
  /** the event's own words (the task, the problem found); empty when the start names no field */
  subject: string;
}

/**
 * The clock a filed form starts under `start`, or null when it starts none (the field it needs is empty). A clock that
 * runs from the event's time but would already have run out when the record is filed is due at once, unless the same
 * filing stops it (filed late, it counts as late).
 */
export function planFromForm(rule: FollowUp, start: FormStart, formId: string, values: Values, filedAt: Date): ClockPlan | null {
  if (start.if_filled && !values[start.if_filled]) return null;
  const startedAt = eventTime(start, values) ?? filedAt;
  let dueAt: Date;
  if (rule.due_field) {
    const day = values[rule.due_field.field];
    if (typeof day !== 'string') return null;
    dueAt = shanghaiInstant(day, rule.due_field.at);
  } else {
    dueAt = new Date(startedAt.getTime() + hoursOf(rule) * HOUR);
    const stopsItself = rule.stops?.by === 'form' && rule.stops.form === formId;
    if (!stopsItself && dueAt.getTime() < filedAt.getTime()) dueAt = filedAt;
  }
  const subject = start.subject
    .map((f) => values[f])
    .filter((v) => typeof v === 'string' && v !== '')
    .join('：');
  return { startedAt, dueAt, subject };
}

/** The clock a click starts at `now`. */
export const planFromClick = (rule: FollowUp, startedAt: Date, subject: string): ClockPlan => ({
  startedAt,
  dueAt: new Date(startedAt.getTime() + hoursOf(rule) * HOUR),
  subject,
});

/** A deadline entered out of bounds: before the day it is entered, or later than the rule allows. */
export type BoundProblem = { field: string; problem: 'past' } | { field: string; problem: 'too_far'; latest: string };

/** The latest day a person may enter on `today` for a rule's deadline. */
const latestDay = (rule: Pick<FollowUp, 'max_days'>, today: string): string => addDays(today, rule.max_days);

/** An entered day checked against its rule's bounds: not before today, not after today + max_days. */
function checkDay(rule: Pick<FollowUp, 'max_days'>, field: string, day: unknown, today: string): BoundProblem | null {
  if (typeof day !== 'string' || day === '') return null;
  if (day.slice(0, 10) < today) return { field, problem: 'past' };
  const latest = latestDay(rule, today);
  return day.slice(0, 10) > latest ? { field, problem: 'too_far', latest } : null;
}

/** The deadlines a filed form enters for the clocks it starts, checked against their rules' bounds. */
export function checkEntered(rules: Rule[], formId: string, values: Values, today: string): BoundProblem | null {
  for (const { rule, start } of startsByForm(rules, formId)) {
    if (!rule.due_field || (start.if_filled && !values[start.if_filled])) continue;
    const problem = checkDay(rule, rule.due_field.field, values[rule.due_field.field], today);
    if (problem) return problem;
  }
  return null;
}

/** Who is told when a clock runs out, and who once it is still open `escalate_after_hours` later. */
export const escalationDue = (rule: FollowUp, dueAt: Date, now: Date): boolean =>
  rule.escalate_to.length > 0 && now.getTime() - dueAt.getTime() >= rule.escalate_after_hours * HOUR;

/** The button that stops the clock a filed record started (a staff opinion's 已答复, a patrol problem's 已整改), if any. */
export function buttonForRecord(rules: Rule[], formId: string, values: Values): string | undefined {
  const hit = startsByForm(rules, formId).find((x) => stopButton(x.rule) && (!x.start.if_filled || values[x.start.if_filled]));
  return hit && stopButton(hit.rule);
}

/**
 * The record asked for a clock, filled in from what started it: the event's time and words into the fields the rule's
 * form start reads them from, who reported it (a click's `who`, kept in the clock's note) into its field.
 */
export function prefillFor(rule: FollowUp, clock: { subject: string; startedAt: Date; note: string | null }): Record<string, string> {
  const out: Record<string, string> = {};
  const form = rule.starts.find((s): s is FormStart => s.by === 'form');
  if (form?.subject[0]) out[form.subject[0]] = clock.subject;
  if (form?.at) {
    const day = shanghaiDay(clock.startedAt);
    const time = shanghaiTime(clock.startedAt);
    if (form.at.length === 1) out[form.at[0]!] = `${day} ${time}`;
    else [out[form.at[0]!], out[form.at[1]!]] = [day, time];
  }
  const who = rule.starts.find((s) => s.by === 'click' && s.who);
  if (who?.by === 'click' && who.who && clock.note) out[who.who] = clock.note;
  return out;
}
