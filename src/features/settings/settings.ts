// Each person's own settings: read with defaults, save from the 设置 card.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { personSettings } from '../../db/schema/index.ts';

const DEFAULT_MORNING_TIME = '08:30';
/** The morning card must fall outside quiet hours (21:00–08:00) and before noon. */
const MORNING_EARLIEST = '08:00';
const MORNING_LATEST = '12:00';

export async function getSettings(db: Db, personId: string): Promise<{ morningTime: string }> {
  const [row] = await db.select().from(personSettings).where(eq(personSettings.personId, personId));
  return { morningTime: row?.morningTime ?? DEFAULT_MORNING_TIME };
}

export async function saveMorningTime(db: Db, personId: string, morningTime: string, now: Date, via: string): Promise<void> {
  await db
    .insert(personSettings)
    .values({ personId, morningTime, updatedAt: now, updatedVia: via })
    .onConflictDoUpdate({ target: personSettings.personId, set: { morningTime, updatedAt: now, updatedVia: via } });
}

/** The same upsert as a statement template that writes only where `when` holds (the card click's fast path). */
export const saveMorningTimeTemplate = (
  when: SQL,
): SQL => sql`insert into person_settings (person_id, morning_time, updated_at, updated_via)
    select ${sql.placeholder('personId')}, ${sql.placeholder('morningTime')}, ${sql.placeholder('updatedAt')}::timestamptz, ${sql.placeholder('via')} where ${when}
    on conflict (person_id) do update set morning_time = excluded.morning_time, updated_at = excluded.updated_at, updated_via = excluded.updated_via`;

/** The values for saveMorningTimeTemplate. */
export const saveMorningTimeValues = (personId: string, morningTime: string, now: Date, via: string) => ({
  personId,
  morningTime,
  updatedAt: now.toISOString(),
  via,
});

/** "08:45 +0800" or "08:45" → "08:45" when within the allowed range, else null. */
export function parseMorningTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{2}):(\d{2})/.exec(value.trim());
  if (!m) return null;
  const hhmm = `${m[1]}:${m[2]}`;
  if (Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return hhmm >= MORNING_EARLIEST && hhmm <= MORNING_LATEST ? hhmm : null;
}
