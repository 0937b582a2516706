// Every record form of the rulebook, and the form that files a given rule.
import type { RecordForm } from '../record-form.ts';
import { ADMIN_FORMS } from './admin.ts';
import { BRAND_FORMS } from './brand.ts';
import { CUSTOMER_FORMS } from './customer.ts';
import { FINANCE_FORMS } from './finance.ts';
import { HR_FORMS } from './hr.ts';
import { QUALITY_FORMS } from './quality.ts';

export const RECORD_FORMS: RecordForm[] = [
  ...ADMIN_FORMS,
  ...QUALITY_FORMS,
  ...CUSTOMER_FORMS,
  ...FINANCE_FORMS,
  ...BRAND_FORMS,
  ...HR_FORMS,
];

const byRule = new Map(RECORD_FORMS.flatMap((f) => f.rules.map((r) => [r, f] as const)));
const byId = new Map(RECORD_FORMS.map((f) => [f.id, f]));

/** The form that files a rule (a quota's records, a deadline's deliverable, a follow-up's record). */
export function formForRule(ruleId: string): RecordForm | undefined {
  return byRule.get(ruleId);
}

/** A form by its id ('night_check'), e.g. from a card action. */
export function recordFormById(id: string): RecordForm | undefined {
  return byId.get(id);
}
