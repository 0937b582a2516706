// The form a reminder card carries, so the report is filed right from the reminder (built from the scheduler's org, no queries).
import type { Duty } from '../../db/schema/index.ts';
import type { CardElement } from '../../lark/cards/kit.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import type { DutyOrg } from '../../rules/duties/duty-org.ts';
import { formForRule } from './form-registry.ts';
import { recordFormElement } from './open-form.ts';
import { recordContextFromOrg } from './record-context.ts';

export function reminderFormBody(org: DutyOrg, now: Date): (duty: Duty) => Promise<CardElement[]> {
  return async (duty) => {
    const form = formForRule(duty.ruleId);
    const rc = form && recordContextFromOrg(org, duty.personId, duty.centerCode, shanghaiDay(now), duty.periodKey);
    if (!form || !rc) return [];
    return [recordFormElement({ form, ownerId: duty.personId, centerCode: duty.centerCode, duty }, rc)];
  };
}
