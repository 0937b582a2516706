// After a day patrol: the half of the day still owed and the posts still short of today's coverage rule (by headcount), on
// the receipt; until both are met, the day's quota is not.
import type { Db } from '../../db/client.ts';
import { recordsOfDay } from '../../db/queries/records.ts';
import { items } from './forms/kit.ts';
import { coverageShortfall, halvesOwed } from './forms/quality.ts';
import { RECORD_TEXT } from '../../lark/cards/record-cards.ts';
import type { Rule } from '../../rules/rulebook/schema.ts';
import type { RecordContext, RecordForm } from './record-form.ts';

const PATROL_FORM = 'day_patrol';
const PATROL_POSTS_FIELD = 'posts';

export async function coverageWarnings(
  db: Db,
  form: RecordForm,
  rc: RecordContext,
  personId: string,
  _today: string,
  dayStart: Date,
  now: Date,
  /** the rules the record files: the day's quota asks for both halves when its target is 2 or more */
  rules: Rule[],
): Promise<string[]> {
  if (form.id !== PATROL_FORM) return [];
  const patrols = await recordsOfDay(db, personId, PATROL_FORM, dayStart, now);
  const covered = patrols.map((p) => items(p.values[PATROL_POSTS_FIELD]));
  const short = coverageShortfall(rc.center.headcount, rc.center.posts, covered);
  const quota = rules.find((r) => r.kind === 'quota');
  const owed =
    quota?.kind === 'quota' && typeof quota.target === 'number' && quota.target >= 2 ? halvesOwed(patrols.map((p) => p.values)) : [];
  return [
    ...(owed.length ? [RECORD_TEXT.halfOwed(owed)] : []),
    ...(short.length ? [`今日岗位覆盖：${short.join('、')} 尚未达到要求，覆盖达标前今日日查不计完成`] : []),
  ];
}
