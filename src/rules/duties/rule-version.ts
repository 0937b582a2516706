// A rule version's identity: sha256 over its terms written exactly as PostgreSQL prints them as jsonb (so SQL can compute it too).
import { createHash } from 'node:crypto';

const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');

/** jsonb's key order: shorter keys first, then byte by byte. */
function jsonbKeyOrder(a: string, b: string): number {
  const la = byteLength(a);
  const lb = byteLength(b);
  if (la !== lb) return la - lb;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The text PostgreSQL gives for `value::jsonb::text`: keys in jsonb order, ", " and ": " between items. */
export function jsonbText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : jsonbText(v))).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => jsonbKeyOrder(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${jsonbText(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

const cache = new WeakMap<object, string>();

/** sha256 (hex) of the terms' jsonb text; the same as SQL's encode(sha256(convert_to(terms::text, 'UTF8')), 'hex'). */
export function termsHash(terms: object): string {
  let h = cache.get(terms);
  if (!h) {
    h = createHash('sha256').update(jsonbText(terms), 'utf8').digest('hex');
    cache.set(terms, h);
  }
  return h;
}
