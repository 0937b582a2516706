// The complaint chain's timings and who hears of it, read from the complaint rule's data (defaults where the rule is silent).
import type { FollowUp, Measure, Recipient, Rulebook } from '../../rules/rulebook/schema.ts';

/** The state a complaint's receipt puts it in: the follow-up rule whose clock it starts is the complaint rule. */
const RECEIVED = 'complaint.received';

/** The rulebook's complaint rule (the follow-up rule whose clock a complaint's receipt starts). */
export function complaintRule(book: Rulebook): FollowUp | undefined {
  return book.rules.find((r): r is FollowUp => r.kind === 'follow_up' && r.starts.some((s) => s.by === 'state' && s.state === RECEIVED));
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

const recipients = (told: readonly string[]) => told.filter((t): t is Recipient => t !== 'owner');

/**
 * The rule's own clock is the plan's (or the answer's); its `callback` stage is the call-back's: its hours, who besides the
 * manager is reminded (`expiry_to`), and when (`escalate_after_hours`) and to whom it escalates. Defaults: the rulebook's
 * reading (24 h, 24 h, customer service, the leader).
 */
export function complaintTimings(rule: FollowUp | undefined): ComplaintTimings {
  const callback = rule?.stages.find((s) => s.name === 'callback');
  return {
    planWithinHours: rule?.within_hours ?? 24,
    callbackWithinHours: callback?.within_hours ?? 24,
    escalateAfterHours: callback?.escalate_after_hours ?? rule?.escalate_after_hours ?? 24,
    callbackRemind: callback ? recipients(callback.expiry_to) : ['customer_service'],
    escalateTo: rule ? recipients(callback?.escalate_to ?? rule.escalate_to) : ['leader'],
  };
}
