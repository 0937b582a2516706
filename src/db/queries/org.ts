// Queries on the organisation: people, centers, role assignments, departments, chats.
import { and, asc, eq, isNull, lte, or, gt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  centerRoles,
  centers,
  chats,
  company,
  departmentMembers,
  orgImports,
  people,
  type CenterRole,
  type Person,
} from '../schema/index.ts';

export async function getCompany(db: Db) {
  const [row] = await db.select().from(company).where(eq(company.id, 1));
  return row ?? null;
}

export async function listPeople(db: Db, opts: { activeOnly?: boolean } = {}): Promise<Person[]> {
  return db
    .select()
    .from(people)
    .where(opts.activeOnly ? eq(people.active, true) : undefined)
    .orderBy(asc(people.id));
}

export async function getPersonById(db: Db, id: string): Promise<Person | null> {
  const [row] = await db.select().from(people).where(eq(people.id, id));
  return row ?? null;
}

export async function getPersonByOpenId(db: Db, openId: string): Promise<Person | null> {
  const [row] = await db.select().from(people).where(eq(people.openId, openId));
  return row ?? null;
}

/** The org's version: the id of the latest org import (0 before any). Every import adds a row, in its transaction. */
export const orgVersionSql = sql<number>`(select coalesce(max(${orgImports.id}), 0) from ${orgImports})`.mapWith(Number);

/** A person and the org version they were read under, in one consistent read (for the person cache). */
export async function getPersonWithOrgVersion(db: Db, openId: string): Promise<{ person: Person; version: number } | null> {
  const [row] = await db.select({ person: people, version: orgVersionSql }).from(people).where(eq(people.openId, openId));
  return row ?? null;
}

export async function listCenters(db: Db, opts: { activeOnly?: boolean } = {}) {
  return db
    .select()
    .from(centers)
    .where(opts.activeOnly ? eq(centers.active, true) : undefined)
    .orderBy(asc(centers.code));
}

/** Every assignment, past and present, oldest first. */
export async function listCenterRoles(db: Db, filter: { centerCode?: string; personId?: string } = {}): Promise<CenterRole[]> {
  return db
    .select()
    .from(centerRoles)
    .where(
      and(
        filter.centerCode ? eq(centerRoles.centerCode, filter.centerCode) : undefined,
        filter.personId ? eq(centerRoles.personId, filter.personId) : undefined,
      ),
    )
    .orderBy(asc(centerRoles.validFrom), asc(centerRoles.id));
}

/** Assignments in force on a Shanghai day (validFrom ≤ day < validTo). */
export async function listCenterRolesOn(db: Db, day: string): Promise<CenterRole[]> {
  return db
    .select()
    .from(centerRoles)
    .where(and(lte(centerRoles.validFrom, day), or(isNull(centerRoles.validTo), gt(centerRoles.validTo, day))))
    .orderBy(asc(centerRoles.centerCode), asc(centerRoles.role), asc(centerRoles.personId));
}

export async function listDepartmentMembers(db: Db, opts: { activeOnly?: boolean } = {}) {
  return db
    .select()
    .from(departmentMembers)
    .where(opts.activeOnly ? eq(departmentMembers.active, true) : undefined)
    .orderBy(asc(departmentMembers.department), asc(departmentMembers.personId));
}

export async function listChats(db: Db) {
  return db.select().from(chats).orderBy(asc(chats.chatId));
}

/** Remembers a chat (idempotent); a later purpose other than "other" wins. */
export async function upsertChat(db: Db, chat: { chatId: string; name?: string | null; purpose?: string; botMember?: boolean }) {
  await db
    .insert(chats)
    .values({ chatId: chat.chatId, name: chat.name ?? null, purpose: chat.purpose ?? 'other', botMember: chat.botMember ?? false })
    .onConflictDoUpdate({
      target: chats.chatId,
      set: {
        name: sql`coalesce(excluded.name, ${chats.name})`,
        purpose: chat.purpose && chat.purpose !== 'other' ? chat.purpose : sql`${chats.purpose}`,
        botMember: chat.botMember === undefined ? sql`${chats.botMember}` : chat.botMember,
      },
    });
}

/** Open ids of the company's admins: active members of the admin department and people with the admin role. */
export async function listAdminOpenIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ openId: people.openId })
    .from(people)
    .leftJoin(
      departmentMembers,
      and(eq(departmentMembers.personId, people.id), eq(departmentMembers.department, 'admin'), eq(departmentMembers.active, true)),
    )
    .where(and(eq(people.active, true), or(sql`'admin' = any(${people.roles})`, eq(departmentMembers.department, 'admin'))));
  return rows
    .map((r) => r.openId)
    .filter((id): id is string => Boolean(id))
    .sort();
}

/** A person's display name for an open_id or chat id (for notices); the id itself when unknown. */
export async function describeTarget(db: Db, target: string): Promise<string> {
  if (target.startsWith('oc_')) {
    const [chat] = await db.select({ name: chats.name }).from(chats).where(eq(chats.chatId, target));
    return chat?.name ? `群「${chat.name}」` : `群 ${target}`;
  }
  const person = await getPersonByOpenId(db, target);
  return person ? person.name : target;
}
