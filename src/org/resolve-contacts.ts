// Turns the emails and mobiles of the org file into open_ids through the Lark directory; says who could not be found.
// The directory is asked before anything is written, so a directory that cannot be reached never leaves half an import.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { getPersonByOpenId } from '../db/queries/org.ts';
import { people } from '../db/schema/index.ts';
import type { LarkClient } from '../lark/lark-client.ts';
import type { OrgFile } from './org-file.ts';

export interface Unresolved {
  id: string;
  name: string;
  contact: string;
  reason: 'not_found' | 'open_id_taken' | 'directory_unreachable';
}

export interface Wanted {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
}

/** The people of a file reached through the directory (an email or a mobile, no open_id), without asking any database. */
export function peopleWithContacts(org: OrgFile): Wanted[] {
  return org.people
    .filter((p) => !p.open_id && (p.email || p.mobile))
    .map((p) => ({ id: p.id, name: p.name, email: p.email ?? null, mobile: p.mobile ?? null }));
}

/** The people of a file that need the directory: no open_id in the file, none kept from an earlier resolution. */
export async function peopleToResolve(db: Db, org: OrgFile): Promise<Wanted[]> {
  const stored = new Map((await db.select().from(people)).map((p) => [p.id, p]));
  return peopleWithContacts(org).filter((p) => {
    const old = stored.get(p.id);
    return !(old?.openId && old.email === p.email && old.mobile === p.mobile);
  });
}

/** The email or mobile the directory is asked about for this person (the email when both are given). */
export const contactOf = (p: Wanted) => (p.email ?? p.mobile)!;

/** Asks the directory for these people; throws the LarkApiError when it cannot be reached or refuses. */
export async function lookUpContacts(client: LarkClient, wanted: Wanted[]): Promise<Map<string, string>> {
  if (wanted.length === 0) return new Map();
  return client.resolveUsers({
    emails: wanted.flatMap((p) => (p.email ? [p.email] : [])),
    mobiles: wanted.flatMap((p) => (p.mobile && !p.email ? [p.mobile] : [])),
  });
}

/** Stores what the directory found (inside the import's transaction); the rest are reported. */
export async function applyContacts(
  db: Db,
  wanted: Wanted[],
  found: Map<string, string>,
): Promise<{ resolved: string[]; unresolved: Unresolved[] }> {
  const resolved: string[] = [];
  const unresolved: Unresolved[] = [];
  for (const p of wanted) {
    const contact = contactOf(p);
    const openId = found.get(contact);
    if (!openId) {
      unresolved.push({ id: p.id, name: p.name, contact, reason: 'not_found' });
      continue;
    }
    const holder = await getPersonByOpenId(db, openId);
    if (holder && holder.id !== p.id) {
      unresolved.push({ id: p.id, name: p.name, contact, reason: 'open_id_taken' });
      continue;
    }
    await db.update(people).set({ openId }).where(eq(people.id, p.id));
    resolved.push(p.id);
  }
  return { resolved, unresolved };
}

/** The people a directory failure leaves without an open_id, for the message that says so. */
export function unreachableAll(wanted: Wanted[]): Unresolved[] {
  return wanted.map((p) => ({ id: p.id, name: p.name, contact: contactOf(p), reason: 'directory_unreachable' as const }));
}

/** At service start: everyone stored without an open_id who has a contact. */
export async function resolveContacts(db: Db, client: LarkClient): Promise<{ resolved: string[]; unresolved: Unresolved[] }> {
  const pending = await db
    .select()
    .from(people)
    .where(and(eq(people.active, true), isNull(people.openId)));
  const wanted = pending.filter((p) => p.email || p.mobile).map((p) => ({ id: p.id, name: p.name, email: p.email, mobile: p.mobile }));
  const found = await lookUpContacts(client, wanted);
  return applyContacts(db, wanted, found);
}
