// Makes what people type safe to show to others: bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) are removed.
//
// A U+202E (RIGHT-TO-LEFT OVERRIDE) typed into a form turns the rest of the line around in every card that shows it
// ("已完成‮成完未" reads as something else); nobody needs these controls in a report, so they are dropped on arrival.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function stripBidi(s: string): string {
  return s.replace(BIDI_CONTROLS, '');
}

/** The same over a JSON value: every string (keys included) without bidi controls; a fresh copy, the input untouched. */
export function stripBidiDeep<T>(value: T): T {
  if (typeof value === 'string') return stripBidi(value) as T;
  if (Array.isArray(value)) return value.map(stripBidiDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [stripBidi(k), stripBidiDeep(v)])) as T;
  }
  return value;
}
