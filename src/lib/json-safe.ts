// Makes any value storable as PostgreSQL jsonb: NUL characters and unpaired surrogates (which jsonb refuses) become U+FFFD.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the character this replaces
const BAD = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function jsonSafe<T>(value: T): T {
  if (typeof value === 'string') return value.replace(BAD, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(jsonSafe) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [jsonSafe(k), jsonSafe(v)])) as T;
  }
  return value;
}
