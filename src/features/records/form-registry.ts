// Finds record forms: by id (in a card's value), by rule (a duty's form), by the words a person writes (日报, 夜查, …).
import { normalizeText } from '../chat/normalize.ts';
import { formForRule, RECORD_FORMS, recordFormById } from './forms/index.ts';
import type { RecordForm } from './record-form.ts';

export { formForRule, RECORD_FORMS };

export const formById = recordFormById;

/** Short words people use for the common forms, beside each form's own title. */
const ALIASES: Record<string, string[]> = {
  daily_report: ['日报', '今日日报', 'daily'],
  night_check: ['夜查', '夜间检查'],
  day_patrol: ['巡查', '日查', '巡检', 'patrol'],
  owner_visit: ['拜访', '业主拜访', '入户', 'visit'],
  monthly_plan: ['月计划', '下月计划', '工作计划'],
  self_review: ['自评', '月度自评'],
};

const WORDS = new Map<string, RecordForm>();
for (const f of RECORD_FORMS) {
  WORDS.set(normalizeText(f.title), f);
  for (const w of ALIASES[f.id] ?? []) WORDS.set(normalizeText(w), f);
}

export const formByWords = (text: string): RecordForm | undefined => WORDS.get(normalizeText(text));
