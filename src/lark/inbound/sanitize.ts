// What arrives is made storable and safe to show before anyone reads it: a bounded depth, no NUL or lone surrogate
// (jsonb refuses them), no bidi override (it would turn text around in every card that shows it to others).
import { jsonSafe } from '../../lib/json-safe.ts';
import { nestedDeeperThan } from '../../lib/json-depth.ts';
import { stripBidiDeep } from '../../lib/text-safe.ts';

/** Deeper than anything Lark sends (a message's mentions sit 6 levels down, a form's multi-select 6). */
const MAX_ENVELOPE_DEPTH = 32;

export const tooDeep = (v: unknown): boolean => nestedDeeperThan(v, MAX_ENVELOPE_DEPTH);

/**
 * JSON.stringify writes a NUL or a lone surrogate as an escape (\u0000, \udXXX) and bidi controls as themselves: only
 * when one is there is a copy made. Call after tooDeep (stringify recurses).
 */
const MAY_BE_UNSAFE = /\\u0000|\\ud[89a-f]|[\u202a-\u202e\u2066-\u2069]/i;

export function cleanPayload<T>(v: T): T {
  return MAY_BE_UNSAFE.test(JSON.stringify(v) ?? '') ? stripBidiDeep(jsonSafe(v)) : v;
}
