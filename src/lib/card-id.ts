// Reads a database id that travelled in a card's value: a positive integer that fits PostgreSQL's integer (int4).
//
// Anything else — a fraction, 1e30, 999999999999, "12abc", an array — is a card that was tampered with (or is not
// ours): the caller answers a clear error toast instead of handing it to the database, which would fail the whole
// click as 「系统繁忙」.
export const INT4_MAX = 2_147_483_647;

export type CardId = { id: number } | { absent: true } | { bad: true };

/** `absent` for a missing value, null, '' or 0 (cards say 0 for "none"); `bad` for anything that is not an int4 id. */
export function readCardId(v: unknown): CardId {
  if (v === undefined || v === null || v === '' || v === 0 || v === '0') return { absent: true };
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[1-9][0-9]{0,9}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 && n <= INT4_MAX ? { id: n } : { bad: true };
}
