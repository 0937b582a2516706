// A small in-process cache of active people by open_id (for card clicks), each entry stamped with the org version it was read under.
//
// An entry lives PERSON_TTL_MS at most; an org import in this process forgets every entry at once (importOrg calls
// forgetCachedPeople), and an import in another instance is caught by the click statement itself, which records the
// click only while the org version is still the entry's (src/lark/card-actions/click-statement.ts).
import type { Db } from '../client.ts';
import type { Person } from '../schema/index.ts';
import { getPersonWithOrgVersion } from './org.ts';

const PERSON_TTL_MS = 30_000;
const MAX_ENTRIES = 5_000;

interface Entry {
  person: Person;
  version: number;
  at: number;
}

interface Cache {
  generation: number;
  entries: Map<string, Entry>;
}

/** One cache per database handle: two services in one process (tests, the playground) never share people. */
const caches = new WeakMap<Db, Cache>();
let generation = 0;

/** Forgets every cached person (of every database handle in this process); called when an org import ends. */
export function forgetCachedPeople(): void {
  generation++;
}

/** Forgets one person, e.g. when a click statement found the org version moved on. */
export function forgetCachedPerson(db: Db, openId: string): void {
  caches.get(db)?.entries.delete(openId);
}

function cacheOf(db: Db): Cache {
  let cache = caches.get(db);
  if (!cache || cache.generation !== generation) {
    cache = { generation, entries: new Map() };
    caches.set(db, cache);
  }
  return cache;
}

/**
 * The active person with this open_id and the org version they were read under; null for a stranger or someone
 * inactive (never cached: they are refused, and the refusal writes nothing the version could guard).
 */
export async function cachedActivePerson(db: Db, openId: string, now: Date): Promise<{ person: Person; version: number } | null> {
  const cache = cacheOf(db);
  const t = now.getTime();
  const hit = cache.entries.get(openId);
  if (hit && t >= hit.at && t - hit.at < PERSON_TTL_MS) return hit;
  if (hit) cache.entries.delete(openId);
  const read = await getPersonWithOrgVersion(db, openId);
  if (!read?.person.active) return null;
  // an import that ended while this read was in flight has bumped the generation: then do not keep what was read
  if (cacheOf(db) === cache) {
    if (cache.entries.size >= MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
    cache.entries.set(openId, { ...read, at: t });
  }
  return read;
}
