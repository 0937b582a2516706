// The contract of a record form: a form definition (fields as data), how its values read in a card, and which rules it files.
import type { Rule } from '../../rules/rulebook/schema.ts';
import type { FormDef } from '../forms/form.ts';

/** What a form may depend on: the center and its posts, who files, the period the record is for. */
export interface RecordContext {
  center: { code: string; name: string; posts: string[]; headcount: number; households: number };
  person: { id: string; name: string };
  /** the supervisors of the center (night-check signers, meeting attendance, …) */
  supervisors: { id: string; name: string }[];
  /** Shanghai day of the filing */
  today: string;
  /** Shanghai time of the filing (HH:MM) when a record is being filed: a time typed into the form may not be later */
  now?: string;
  /** the period of the duty being filed ('2026-11-27', '2026-W48', '2026-11', …), if any */
  periodKey?: string;
}

export interface RecordForm extends FormDef<RecordContext> {
  /** the rule ids this form files (a quota's record counts towards it; a deadline's record meets it) */
  rules: string[];
  /** one short line of what was filed, for lists ("夜查 22:40，检查4个岗位，睡岗0人") */
  headline: (values: Record<string, unknown>, ctx: RecordContext) => string;
  /** the record, readably, for the receipt and the forwarded card: label → text, in order */
  lines: (values: Record<string, unknown>, ctx: RecordContext) => [string, string][];
  /**
   * What the record stores besides what was typed, decided when it is filed by the rules in force (a day patrol's half of
   * the day, from its time); absent: the values as typed.
   */
  derive?: (values: Record<string, unknown>, rules: Rule[]) => Record<string, unknown>;
  /** what the form opens with besides the usual defaults, given the Shanghai time it is opened at (HH:MM) */
  prefill?: (ctx: RecordContext, now: string) => Record<string, string>;
  /** photos are invited on the receipt (patrols, night checks, bulletin board, festival decoration) */
  photos?: boolean;
  /**
   * How the records of this form add up for a quota it files, given the quota's current records, oldest first (absent:
   * one each): a number of households summed, a cumulative figure's latest value, patrols that count once posts are covered.
   */
  progress?: (records: Record<string, unknown>[], ctx: RecordContext, target: number) => number;
}
