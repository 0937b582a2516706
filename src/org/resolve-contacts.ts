// Turns the emails and mobiles of the org file into open_ids through the Lark directory; says who could not be found.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { getPersonByOpenId } from '../db/queries/org.ts';
import { people } from '../db/schema/index.ts';
import type { LarkClient } from '../lark/lark-client.ts';

export interface Unresolved {
  id: string;
  name: string;
  contact: string;
  reason: 'not_found' | 'open_id_taken';
}

export async function resolveContacts(db: Db, client: LarkClient): Promise<{ resolved: string[]; unresolved: Unresolved[] }> {
  const pending = await db
    .select()
    .from(people)
    .where(and(eq(people.active, true), isNull(people.openId)));
  const withContact = pending.filter((p) => p.email || p.mobile);
  if (withContact.length === 0) return { resolved: [], unresolved: [] };

  const found = await client.resolveUsers({
    emails: withContact.flatMap((p) => (p.email ? [p.email] : [])),
    mobiles: withContact.flatMap((p) => (p.mobile && !p.email ? [p.mobile] : [])),
  });
  const resolved: string[] = [];
  const unresolved: Unresolved[] = [];
  for (const p of withContact) {
    const contact = (p.email ?? p.mobile)!;
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
