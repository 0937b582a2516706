// Every rule the rulebook asks records for is filed by exactly one form.
import { describe, expect, it } from 'vitest';
import { defaultRulebook } from '../../../src/rules/rulebook/load-rulebook.ts';
import { formForRule, RECORD_FORMS, recordFormById } from '../../../src/features/records/forms/index.ts';

const rules = defaultRulebook().rules;
const filed = rules.filter((r) => r.kind === 'deadline' || r.kind === 'quota' || r.kind === 'anchored').map((r) => r.id);
const EVENT_RECORDS = ['quality.emergency', 'customer.forum_followup', 'admin.adhoc_task_filing'];

describe('record forms and rules', () => {
  it.each(filed)('%s (deadline, quota or anchored) is filed by exactly one form', (id) => {
    expect(RECORD_FORMS.filter((f) => f.rules.includes(id)).map((f) => f.id)).toHaveLength(1);
  });

  it.each(EVENT_RECORDS)('the event record of %s has its own form', (id) => {
    expect(RECORD_FORMS.filter((f) => f.rules.includes(id))).toHaveLength(1);
  });

  it('names only rules that exist in the rulebook', () => {
    const known = new Set(rules.map((r) => r.id));
    expect(RECORD_FORMS.flatMap((f) => f.rules).filter((id) => !known.has(id))).toEqual([]);
  });

  it('gives every form a unique id, and files each rule from one form only', () => {
    const ids = RECORD_FORMS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    const all = RECORD_FORMS.flatMap((f) => f.rules);
    expect(new Set(all).size).toBe(all.length);
  });

  it('finds the form for a rule and by its id', () => {
    expect(formForRule('quality.supervisor_night_check')?.id).toBe('night_check');
    expect(formForRule('customer.know_all_owners')?.id).toBe('owners_known');
    expect(formForRule('customer.onboarding_week')?.id).toBe('owner_visit');
    expect(formForRule('deduct.sleeping_on_duty')).toBeUndefined();
    expect(recordFormById('day_patrol')?.rules).toEqual(['quality.day_patrol']);
  });

  it('invites photos on patrols, night checks, the bulletin board, festival decoration and the character star', () => {
    expect(
      RECORD_FORMS.filter((f) => f.photos)
        .map((f) => f.id)
        .sort(),
    ).toEqual(['bulletin_board', 'character_star', 'day_patrol', 'festival_decoration', 'night_check'].sort());
  });
});
