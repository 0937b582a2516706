// The rulebook's schema: six kinds of rule (deadline, quota, follow-up, anchored deadline, measure, deduction), as data.
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written as HH:MM');
const money = z.strictObject({ yuan: z.number().min(0).max(10000).default(0), points: z.number().min(0).max(1000).default(0) });

const RECIPIENTS = ['admin', 'leader', 'quality_center', 'customer_service', 'manager'] as const;
export type Recipient = (typeof RECIPIENTS)[number];
const OWNERS = ['manager', 'supervisor'] as const;

const common = {
  id: z.string().regex(/^[a-z]+\.[a-z0-9_]+$/, 'must look like area.name, e.g. admin.daily_report'),
  /** short Chinese name shown to users */
  title: z.string().min(1).max(30),
  enabled: z.boolean().default(true),
  /** who owes it: the center's manager, or each of its supervisors */
  owner: z.enum(OWNERS).default('manager'),
  /** who receives the record and the digest of who is late */
  recipients: z.array(z.enum(RECIPIENTS)).default([]),
  /** what lateness or a miss costs (issue "scores" books it) */
  penalty: z.strictObject({ late: money.optional(), missing: money.optional() }).default({}),
  /** only for a newly appointed manager, in the given window after `appointed` */
  onboarding: z.boolean().default(false),
  /** the source's wording or our reading of it */
  note: z.string().optional(),
};

const ReminderStepSchema = z.strictObject({
  /** how many workdays before the due day (0 = on the due day) */
  workdays_before: z.number().int().min(0).max(20).default(0),
  at: hhmm,
  type: z.enum(['card', 'last_call']).default('card'),
});
export type ReminderStep = z.infer<typeof ReminderStepSchema>;

const Cadence = z.discriminatedUnion('every', [
  z.strictObject({ every: z.literal('workday') }),
  z.strictObject({ every: z.literal('week'), weekday: z.number().int().min(1).max(7) }),
  z.strictObject({
    every: z.literal('month'),
    day: z.union([z.number().int().min(1).max(31), z.literal('last')]),
    /** the period the report is about: this month, or the previous one (a report on a finished month) */
    for: z.enum(['this', 'previous']).default('this'),
  }),
  z.strictObject({
    every: z.literal('quarter'),
    day: z.number().int().min(1).max(31),
    for: z.enum(['this', 'previous']).default('previous'),
  }),
  z.strictObject({ every: z.literal('half'), day: z.literal('last') }),
  z.strictObject({ every: z.literal('year'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }),
  /** dates set by someone (the quality center's joint inspections) */
  z.strictObject({ every: z.literal('scheduled') }),
]);

const Shift = z.enum(['keep', 'next-workday', 'previous-workday']);

const DeadlineRule = z.strictObject({
  ...common,
  kind: z.literal('deadline'),
  cadence: Cadence,
  time: hhmm,
  shift: Shift.default('keep'),
  reminders: z.array(ReminderStepSchema).default([]),
  /** a late digest to the recipients after the deadline */
  digest: z.boolean().default(true),
});

const QUOTA_PERIODS = ['workday', 'week', 'month', 'quarter', 'year', 'onboarding_days', 'onboarding_week', 'onboarding_month'] as const;

const QuotaRule = z.strictObject({
  ...common,
  kind: z.literal('quota'),
  period: z.enum(QUOTA_PERIODS),
  /** a number, or: the center's households, or one per direct report (supervisor) */
  target: z.union([z.number().int().min(1).max(100000), z.enum(['households', 'per_direct_report'])]),
  /** estates over this many households get the longer period (know every owner within the year) */
  large_estate: z.strictObject({ households_over: z.number().int().min(1), period: z.literal('onboarding_year') }).optional(),
  /** pace nudges: by day N of the period with fewer than `below` records; N days before the end if still short */
  nudges: z
    .array(
      z.union([
        z.strictObject({ day_of_period: z.number().int().min(1).max(366), below: z.number().int().min(1) }),
        z.strictObject({ days_before_end: z.number().int().min(0).max(60) }),
      ]),
    )
    .default([]),
  /** tell the person of a shortfall at the period's end (off for daily quotas: too noisy) */
  notify_shortfall: z.boolean().default(true),
  /** day patrols (quality.day_patrol): a patrol from this time is the afternoon's, before it the morning's (absent: 12:00) */
  afternoon_from: hhmm.optional(),
});

/** A field of a form, by its name (the form's fields are in src/features/records/forms). */
const fieldName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a field name of the form');

/**
 * What starts a follow-up's clock. A form: when filed (and `if_filled` holds a value), at the event's time read from `at`
 * (one datetime field, or a date field and a time field; absent: the filing), its subject from the `subject` fields. A click:
 * a button that reports the event (`action`: the card action's name, e.g. 突发事件 reported, a task handed over). A state:
 * something reaching a state (a complaint marked fixed starts its call-back).
 */
const ClockStart = z.discriminatedUnion('by', [
  z.strictObject({
    by: z.literal('form'),
    form: z.string().min(1),
    if_filled: fieldName.optional(),
    at: z.array(fieldName).min(1).max(2).optional(),
    subject: z.array(fieldName).default([]),
  }),
  /** `who`: the field of the record asked for that names who reported it (a task's 交办领导), filled in for the manager */
  z.strictObject({ by: z.literal('click'), action: z.string().min(1), who: fieldName.optional() }),
  z.strictObject({ by: z.literal('state'), state: z.string().min(1) }),
]);
export type ClockStartSpec = z.infer<typeof ClockStart>;

/** What stops it: a form filed (the record of the event), a click (its button's words), or something reaching a state. */
const ClockStop = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('form'), form: z.string().min(1) }),
  z.strictObject({ by: z.literal('click'), button: z.string().min(1).max(8) }),
  z.strictObject({ by: z.literal('state'), state: z.string().min(1) }),
]);

/** A deadline a person enters with the event (a patrol problem's 整改节点, a staff opinion's 答复期限): its field, the hour it runs to. */
const EnteredDeadline = z.strictObject({ field: fieldName, at: hhmm.default('23:59') });

/** Who is told: the person the clock belongs to (or whoever answers for it after a handover), or a recipient of the rulebook. */
const TOLD = ['owner', ...RECIPIENTS] as const;

const ClockShape = {
  /** what starts the clock; none: the rule keeps no clock of its own (a guard) */
  starts: z.array(ClockStart).default([]),
  /** the clock: hours from the event's time (absent: the deadline the person enters, `due_field`) */
  within_hours: z
    .number()
    .min(0)
    .max(24 * 90)
    .optional(),
  due_field: EnteredDeadline.optional(),
  /** the latest deadline or milestone a person may enter, in days from the day they enter it */
  max_days: z.number().int().min(1).max(366).default(90),
  stops: ClockStop.optional(),
  /** told when the clock runs out */
  expiry_to: z.array(z.enum(TOLD)).default(['owner']),
  /** told when it is still open `escalate_after_hours` after it ran out */
  escalate_to: z.array(z.enum(TOLD)).default([]),
  escalate_after_hours: z
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
  /** listed in the morning card of the day it is due and after (patrol problems) */
  morning: z.boolean().default(false),
};

/**
 * A further clock of the same event, each with the same shape as the rule's own clock; `name` says which. A complaint's
 * timings, for example: the rule's own clock `starts: [{ by: form, form: complaint, at: [received_at] }]`,
 * `within_hours: 24`, `stops: { by: state, state: planned }`; then stages `{ name: milestone, starts: [{ by: state,
 * state: planned }], due_field: { field: milestone }, stops: { by: state, state: fixed } }` and `{ name: callback,
 * starts: [{ by: state, state: fixed }], within_hours: 24, stops: { by: state, state: closed }, expiry_to: [owner,
 * customer_service], escalate_to: [leader] }`.
 */
const ClockStage = z.strictObject({ name: z.string().regex(/^[a-z_]+$/), ...ClockShape });

const FollowUpRule = z.strictObject({
  ...common,
  kind: z.literal('follow_up'),
  ...ClockShape,
  stages: z.array(ClockStage).default([]),
  /** a guard: the record must exist before the event counts (a visit needs its plan first) */
  guard: z.boolean().default(false),
});

const AnchoredRule = z.strictObject({
  ...common,
  kind: z.literal('anchored'),
  anchor: z.enum(['festival', 'quarter_selection']),
  /** days from the anchor (−15 = fifteen days before) */
  offset_days: z.number().int().min(-120).max(120),
  time: hhmm,
  shift: Shift.default('previous-workday'),
  /** festivals it applies to (default: the company's whole list) */
  festivals: z.array(z.string()).optional(),
  reminders: z.array(ReminderStepSchema).default([]),
  digest: z.boolean().default(true),
});

const MeasureRule = z.strictObject({
  ...common,
  kind: z.literal('measure'),
  period: z.enum(['month', 'quarter']),
  thresholds: z.array(z.strictObject({ metric: z.string().min(1), min: z.number().min(0).max(1) })).min(1),
  /** a warning when still below on this day of the period */
  warn_on_day: z.number().int().min(1).max(31).optional(),
});

const DeductionRule = z.strictObject({
  ...common,
  kind: z.literal('deduction'),
  /** points per occurrence (each recurrence, each guard asleep, each absence) */
  points: z.number().min(0).max(100).default(0),
  /** a leader's roll-up: `points` for every `per` points of their managers, a remainder counting as a whole block */
  rollup: z.strictObject({ per: z.number().int().min(1), points: z.number().min(0) }).optional(),
  /** a red line: no points, flagged and escalated at once */
  redline: z.boolean().default(false),
});

export const RuleSchema = z.discriminatedUnion('kind', [DeadlineRule, QuotaRule, FollowUpRule, AnchoredRule, MeasureRule, DeductionRule], {
  error:
    'not a rule of the default rulebook: a new rule needs its kind (deadline, quota, follow_up, anchored, measure, deduction) and all its fields',
});
export type Rule = z.infer<typeof RuleSchema>;
export type RuleInput = z.input<typeof RuleSchema>;
export type RuleKind = Rule['kind'];
export type Deadline = z.infer<typeof DeadlineRule>;
export type Quota = z.infer<typeof QuotaRule>;
export type FollowUp = z.infer<typeof FollowUpRule>;
export type Anchored = z.infer<typeof AnchoredRule>;
export type Measure = z.infer<typeof MeasureRule>;
export type Deduction = z.infer<typeof DeductionRule>;

/** Defaults that belong to the whole rulebook: quiet hours and the morning card. */
export const SettingsSchema = z.strictObject({
  quiet_hours: z.strictObject({ from: hhmm, to: hhmm }).default({ from: '21:00', to: '08:00' }),
  morning_card: z.strictObject({ at: hhmm, enabled: z.boolean().default(true) }).default({ at: '08:30', enabled: true }),
  /** one pace nudge a day, for all quotas together, at this time */
  pace_nudge_at: hhmm.default('10:00'),
  onboarding_days: z.number().int().min(1).max(90).default(30),
  /** scores announced in the company's group: the past month on day N, the past week on a weekday */
  announcements: z
    .strictObject({
      monthly: z
        .strictObject({ enabled: z.boolean().default(true), day: z.number().int().min(1).max(28).default(1), at: hhmm.default('09:00') })
        .default({ enabled: true, day: 1, at: '09:00' }),
      weekly: z
        .strictObject({ enabled: z.boolean().default(true), weekday: z.number().int().min(1).max(7).default(1), at: hhmm.default('09:00') })
        .default({ enabled: true, weekday: 1, at: '09:00' }),
    })
    .default({ monthly: { enabled: true, day: 1, at: '09:00' }, weekly: { enabled: true, weekday: 1, at: '09:00' } }),
});
export type RulebookSettings = z.infer<typeof SettingsSchema>;

export interface Rulebook {
  settings: RulebookSettings;
  rules: Rule[];
}
