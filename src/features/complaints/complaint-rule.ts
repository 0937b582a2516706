// The complaint chain's timings and who hears of it, read from the complaint rule's data (defaults where the rule is silent).
import type { Measure, Recipient, Rule, Rulebook } from '../../rules/rulebook/schema.ts';

/** The rulebook's complaint rule (the follow-up rule whose event is a complaint). */
export function complaintRule(book: Rulebook): Rule | undefined {
  return book.rules.find((r) => r.kind === 'follow_up' && (r as { trigger?: unknown }).trigger === 'complaint');
}

/** The rulebook's complaint measure (the one with a closure-rate threshold). */
export function complaintMeasure(book: Rulebook): Measure | undefined {
  return book.rules.find((r): r is Measure => r.kind === 'measure' && r.thresholds.some((t) => t.metric === 'closure_rate'));
}

export interface ComplaintTimings {
  /** hours from receipt (or reopening) to the plan, or to the answer of one outside the remit */
  planWithinHours: number;
  /** hours from the fix to the call-back */
  callbackWithinHours: number;
  /** hours from a reminder to the escalation */
  escalateAfterHours: number;
  /** reminded of a call-back, besides the center's manager */
  callbackRemind: Recipient[];
  /** told when a reminder goes unanswered */
  escalateTo: Recipient[];
}

const hoursOr = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback);
const recipientsOr = (v: unknown, fallback: Recipient[]) =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as Recipient[]) : fallback;

/**
 * Read defensively: `within_hours` and `escalate_to` are in the follow-up schema; `callback_within_hours`,
 * `escalate_after_hours` and `callback_remind` are not yet (each defaults to the rulebook's reading: 24 h, 24 h,
 * customer service).
 */
export function complaintTimings(rule: Rule | undefined): ComplaintTimings {
  const r = (rule ?? {}) as Record<string, unknown>;
  return {
    planWithinHours: hoursOr(r.within_hours, 24),
    callbackWithinHours: hoursOr(r.callback_within_hours, 24),
    escalateAfterHours: hoursOr(r.escalate_after_hours, 24),
    callbackRemind: recipientsOr(r.callback_remind, ['customer_service']),
    escalateTo: recipientsOr(r.escalate_to, ['leader']),
  };
}
