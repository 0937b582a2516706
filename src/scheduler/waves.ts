// Reminder waves: when each card of a wave (all cards with one nominal time) may go out so all arrive in the ten minutes before it.
//
// Lark lets an app send 1,000 messages a minute (50 a second), so 10,000 managers' 15:30 cards need ~9.3 minutes.
// The pass enqueues a wave WAVE_LEAD_MS before its window opens; each card's `notBefore` is its place in the wave
// paced at the app's limits from the window's start (1000 a minute; inside a minute a little ahead of 50/s), so the
// sender finds the rows due about as fast as it may send them and the rate limiter does the fine spacing. The place is
// the card's rank in the whole wave (its duty keys in order, read by each batch), not a hash of its key: hashed places
// put ~1000 ± 30 cards in each minute, and a minute over Lark's 1000 pushed its overflow a whole minute later, so the
// tail of a 10,000-card wave arrived after its time.
import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { duties } from '../db/schema/index.ts';
import { LARK_LIMITS, type RateLimits } from '../lark/rate-limiter.ts';
import type { RulebookSettings } from '../rules/rulebook/schema.ts';
import { afterQuietHours } from './mailer.ts';

/** A wave arrives inside this span before its nominal time. */
export const WAVE_WINDOW_MS = 10 * 60_000;
/** The pass enqueues a wave this long before its window opens (a pass a minute, a long first pass, a restart). */
const WAVE_LEAD_MS = 5 * 60_000;
/** The last card of a wave is due at least this long before its nominal time (retries, other traffic). */
export const WAVE_GUARD_MS = 20_000;

/** When the pass enqueues the cards of a wave with nominal time `nominal`. */
export const waveEnqueueAt = (nominal: Date): Date => new Date(nominal.getTime() - WAVE_WINDOW_MS - WAVE_LEAD_MS);

/**
 * Inside each minute a wave's cards fall due this many times faster than the app may send, so the sender always
 * finds a batch waiting (claiming row by row would cost more than the sends); the minutes themselves keep Lark's pace.
 */
const WAVE_AHEAD = 2;

/** The earliest offset from the first send at which the k-th send (0-based) may go out under the app's limits (`ahead` > 1: sooner inside each minute). */
export function paceOffsetMs(k: number, limits: RateLimits = LARK_LIMITS, ahead = 1): number {
  const minute = 60_000 + limits.marginMs;
  const spacing = (1000 + limits.marginMs) / limits.appPerSecond / ahead;
  return Math.floor(k / limits.appPerMinute) * minute + (k % limits.appPerMinute) * spacing;
}

/**
 * The window a wave may arrive in: [nominal − 10 min, nominal), cut to what lies outside quiet hours. Undefined when
 * nothing of it does (a step at 08:00 or in the night): the card then waits for the end of quiet hours, as any message.
 */
function waveWindow(nominal: Date, quiet: RulebookSettings['quiet_hours']): { from: Date; to: Date } | undefined {
  let from = new Date(nominal.getTime() - WAVE_WINDOW_MS);
  from = afterQuietHours(from, quiet) ?? from;
  let to = nominal;
  // quiet hours starting inside the window (a 21:05 step): stop at their start
  for (let t = from.getTime(); t < to.getTime(); t += 60_000) {
    if (afterQuietHours(new Date(t), quiet)) {
      to = new Date(t);
      break;
    }
  }
  return from < to ? { from, to } : undefined;
}

/** When the card at `place` (0-based) of a wave of `size` cards may go out: paced from the window's start, squeezed into the window if the wave is too big. */
export function waveNotBefore(
  nominal: Date,
  place: number,
  size: number,
  quiet: RulebookSettings['quiet_hours'],
  limits: RateLimits = LARK_LIMITS,
): Date {
  const window = waveWindow(nominal, quiet);
  if (!window) return afterQuietHours(nominal, quiet) ?? nominal;
  const room = Math.max(0, window.to.getTime() - window.from.getTime() - WAVE_GUARD_MS);
  const n = Math.max(1, size);
  const need = paceOffsetMs(n - 1, limits, WAVE_AHEAD);
  const offset = paceOffsetMs(Math.min(Math.max(0, place), n - 1), limits, WAVE_AHEAD);
  return new Date(window.from.getTime() + (need > room ? (offset * room) / need : offset));
}

/**
 * The open duties of these rules due on these days (every center's, whichever batch asks), in key order per rule and
 * day: each wave's cards and their ranks. Ties between batches and instances are impossible (keys are unique), and a
 * card keeps its place in every batch of the pass.
 */
export async function waveOrder(db: Db, ruleIds: string[], dueDays: string[], after: Date, until: Date): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ key: duties.key, ruleId: duties.ruleId, dueDay: duties.dueDay })
    .from(duties)
    .where(
      and(
        eq(duties.status, 'open'),
        gt(duties.dueAt, after),
        lte(duties.dueAt, until),
        inArray(duties.ruleId, ruleIds),
        inArray(duties.dueDay, dueDays),
      ),
    )
    .orderBy(asc(duties.key));
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const pair = `${r.ruleId}|${r.dueDay}`;
    out
      .set(pair, out.get(pair) ?? [])
      .get(pair)!
      .push(r.key);
  }
  return out;
}

/** One wave's cards (the duties of its rule × day pairs) ranked: place of a duty key, and the wave's size. */
export function rankWave(order: Map<string, string[]>, pairs: Iterable<string>): { size: number; placeOf: Map<string, number> } {
  const keys = [...pairs].flatMap((p) => order.get(p) ?? []).sort();
  return { size: keys.length, placeOf: new Map(keys.map((k, i) => [k, i])) };
}
