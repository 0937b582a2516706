// Asia/Shanghai calendar arithmetic, independent of the machine's TZ (China has no DST: UTC+8 all year).

export const TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3600_000;

/** The Shanghai calendar day of an instant, as YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The Shanghai wall-clock time of an instant, as HH:MM. */
export function shanghaiTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(11, 16);
}

/** The instant of a Shanghai wall-clock time on a given day (time defaults to 00:00). */
export function shanghaiInstant(day: string, time = '00:00'): Date {
  if (!isIsoDay(day)) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  if (!/^\d{2}:\d{2}(:\d{2})?$/.test(time)) throw new RangeError(`not an HH:MM time: ${time}`);
  return new Date(`${day}T${time.length === 5 ? `${time}:00` : time}+08:00`);
}

/** True for a real calendar day written as YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Adds whole days to a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
