// After a day patrol: the posts still short of today's coverage rule (by headcount), on the receipt; until covered, the day's quota is not met.
import type { Db } from '../../db/client.ts';
import { recordsOfDay } from '../../db/queries/records.ts';
import { items } from './forms/kit.ts';
import { coverageShortfall } from './forms/quality.ts';
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
): Promise<string[]> {
  if (form.id !== PATROL_FORM) return [];
  const patrols = await recordsOfDay(db, personId, PATROL_FORM, dayStart, now);
  const covered = patrols.map((p) => items(p.values[PATROL_POSTS_FIELD]));
  const short = coverageShortfall(rc.center.headcount, rc.center.posts, covered);
  return short.length ? [`今日岗位覆盖：${short.join('、')} 尚未达到要求，覆盖达标前今日日查不计完成`] : [];
}
