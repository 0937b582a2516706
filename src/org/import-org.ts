// Imports a validated org file in one transaction: re-import updates, never duplicates; removal deactivates; role changes keep history.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { upsertChat } from '../db/queries/org.ts';
import { forgetCachedPeople } from '../db/queries/person-cache.ts';
import { centerRoles, centers, company, departmentMembers, leaves, orgImports, people } from '../db/schema/index.ts';
import { DEPARTMENTS, type OrgFile } from './org-file.ts';

export interface ImportOptions {
  /** The Shanghai day the import takes effect: default `since`, start of role changes, end of removed roles. */
  today: string;
  /** Where the file came from (a path), recorded in org_imports. */
  source: string;
  sha256: string;
  /** when the import happens (recorded on leave entries) */
  now?: Date;
  /** More writes that belong to the import (the directory's open_ids), in its transaction. */
  within?: (tx: Db) => Promise<void>;
}

export interface ImportSummary {
  peopleAdded: number;
  peopleUpdated: number;
  peopleDeactivated: number;
  centersAdded: number;
  centersUpdated: number;
  centersDeactivated: number;
  rolesOpened: number;
  rolesClosed: number;
  departmentChanges: number;
  leaveChanges: number;
}

const SINGLE_HOLDER_ROLES = new Set(['manager', 'leader']);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function summaryIsEmpty(s: ImportSummary): boolean {
  return Object.values(s).every((n) => n === 0);
}

export async function importOrg(db: Db, org: OrgFile, opts: ImportOptions): Promise<ImportSummary> {
  return db
    .transaction(async (tx) => {
      const summary: ImportSummary = {
        peopleAdded: 0,
        peopleUpdated: 0,
        peopleDeactivated: 0,
        centersAdded: 0,
        centersUpdated: 0,
        centersDeactivated: 0,
        rolesOpened: 0,
        rolesClosed: 0,
        departmentChanges: 0,
        leaveChanges: 0,
      };

      await tx
        .insert(company)
        .values({ id: 1, name: org.company, announcementsChat: org.chats.announcements ?? null })
        .onConflictDoUpdate({ target: company.id, set: { name: org.company, announcementsChat: org.chats.announcements ?? null } });

      // People ------------------------------------------------------------------------------------
      const existingPeople = new Map((await tx.select().from(people)).map((p) => [p.id, p]));
      const sinceOf = new Map<string, string>();
      // an open_id moving to another id (a person re-keyed in the file) is freed first, so the unique key never trips
      const claimed = new Map(org.people.filter((p) => p.open_id).map((p) => [p.open_id as string, p.id]));
      for (const old of existingPeople.values()) {
        const claimant = old.openId ? claimed.get(old.openId) : undefined;
        if (claimant && claimant !== old.id) {
          await tx.update(people).set({ openId: null }).where(eq(people.id, old.id));
          old.openId = null;
        }
      }
      for (const p of org.people) {
        const old = existingPeople.get(p.id);
        const email = p.email ?? null;
        const mobile = p.mobile ?? null;
        // an open_id the directory resolved earlier is kept while the file still names the same email/mobile
        const resolved = old && !p.open_id && old.email === email && old.mobile === mobile ? old.openId : null;
        const row = {
          name: p.name,
          openId: p.open_id ?? resolved,
          email,
          mobile,
          roles: [...p.roles],
          since: p.since ?? old?.since ?? opts.today,
          appointed: p.appointed ?? null,
          active: true,
        };
        sinceOf.set(p.id, row.since);
        if (!old) {
          await tx.insert(people).values({ id: p.id, ...row });
          summary.peopleAdded++;
        } else if (
          !same([old.name, old.openId, old.email, old.mobile, old.roles, old.since, old.appointed, old.active], Object.values(row))
        ) {
          await tx.update(people).set(row).where(eq(people.id, p.id));
          summary.peopleUpdated++;
        }
      }
      const inFile = new Set(org.people.map((p) => p.id));
      for (const old of existingPeople.values()) {
        if (old.active && !inFile.has(old.id)) {
          await tx.update(people).set({ active: false }).where(eq(people.id, old.id));
          summary.peopleDeactivated++;
        }
      }

      // Departments -------------------------------------------------------------------------------
      const existingMembers = new Map((await tx.select().from(departmentMembers)).map((m) => [`${m.department}|${m.personId}`, m]));
      const wantedMembers = new Set(DEPARTMENTS.flatMap((d) => org.departments[d].map((id) => `${d}|${id}`)));
      for (const key of wantedMembers) {
        const old = existingMembers.get(key);
        if (old?.active) continue;
        const [department, personId] = key.split('|') as [string, string];
        await tx
          .insert(departmentMembers)
          .values({ department, personId, active: true })
          .onConflictDoUpdate({ target: [departmentMembers.department, departmentMembers.personId], set: { active: true } });
        summary.departmentChanges++;
      }
      for (const [key, old] of existingMembers) {
        if (old.active && !wantedMembers.has(key)) {
          await tx
            .update(departmentMembers)
            .set({ active: false })
            .where(and(eq(departmentMembers.department, old.department), eq(departmentMembers.personId, old.personId)));
          summary.departmentChanges++;
        }
      }

      // Centers -----------------------------------------------------------------------------------
      const existingCenters = new Map((await tx.select().from(centers)).map((c) => [c.code, c]));
      for (const c of org.centers) {
        const old = existingCenters.get(c.code);
        const row = { name: c.name, headcount: c.headcount, households: c.households, posts: c.posts, chat: c.chat ?? null, active: true };
        if (!old) {
          await tx.insert(centers).values({ code: c.code, ...row });
          summary.centersAdded++;
        } else if (!same([old.name, old.headcount, old.households, old.posts, old.chat, old.active], Object.values(row))) {
          await tx.update(centers).set(row).where(eq(centers.code, c.code));
          summary.centersUpdated++;
        }
        if (c.chat) await upsertChat(tx, { chatId: c.chat, purpose: 'center' });
      }
      const centersInFile = new Set(org.centers.map((c) => c.code));
      for (const old of existingCenters.values()) {
        if (old.active && !centersInFile.has(old.code)) {
          await tx.update(centers).set({ active: false }).where(eq(centers.code, old.code));
          summary.centersDeactivated++;
        }
      }
      if (org.chats.announcements) await upsertChat(tx, { chatId: org.chats.announcements, purpose: 'announcements' });

      // Role assignments, with history ------------------------------------------------------------
      const allRoles = await tx.select().from(centerRoles);
      const wanted = new Map<string, string[]>(); // "center|role" → person ids
      for (const c of org.centers) {
        wanted.set(`${c.code}|manager`, [c.manager]);
        wanted.set(`${c.code}|leader`, [c.leader]);
        wanted.set(`${c.code}|supervisor`, c.supervisors);
      }
      const slots = new Set([...wanted.keys(), ...allRoles.filter((r) => r.validTo === null).map((r) => `${r.centerCode}|${r.role}`)]);
      for (const slot of slots) {
        const [centerCode, role] = slot.split('|') as [string, string];
        const history = allRoles.filter((r) => r.centerCode === centerCode && r.role === role);
        const open = history.filter((r) => r.validTo === null);
        const want = wanted.get(slot) ?? [];
        const toOpen = want.filter((id) => !open.some((r) => r.personId === id));
        const toClose = open.filter((r) => !want.includes(r.personId));
        const latestStart = history.reduce<string | null>((m, r) => (m === null || r.validFrom > m ? r.validFrom : m), null);

        let successorStart: string | null = null;
        for (const personId of toOpen) {
          const since = sinceOf.get(personId) ?? opts.today;
          // first holder: history starts at their `since`; a successor starts at their `since` if it is after the
          // predecessor's start (a change dated in the file), otherwise on the day of the import. Someone who already
          // held a post (a manager moved to another center) is never dated back before it: their `since` is when
          // they joined, not when they moved, unless the file moved it past their last post's start
          const ownStart = allRoles.reduce<string | null>(
            (m, r) => (r.personId === personId && (m === null || r.validFrom > m) ? r.validFrom : m),
            null,
          );
          const dated = (latestStart === null || since > latestStart) && (ownStart === null || since > ownStart);
          const validFrom = dated ? since : opts.today;
          await tx.insert(centerRoles).values({ centerCode, role, personId, validFrom });
          summary.rolesOpened++;
          successorStart ??= validFrom;
        }
        for (const row of toClose) {
          const end = SINGLE_HOLDER_ROLES.has(role) && successorStart ? successorStart : opts.today;
          const validTo = end < row.validFrom ? row.validFrom : end;
          await tx
            .update(centerRoles)
            .set({ validTo })
            .where(and(eq(centerRoles.id, row.id), isNull(centerRoles.validTo)));
          summary.rolesClosed++;
        }
      }

      // Leave from the file: new entries added, entries no longer in the file cancelled (kept for the record)
      const fileLeaves = await tx
        .select()
        .from(leaves)
        .where(and(eq(leaves.source, 'org_file'), isNull(leaves.cancelledAt)));
      const wantedLeaves = new Set(org.people.flatMap((p) => p.leave.map((l) => `${p.id}|${l.from}|${l.to}`)));
      for (const p of org.people) {
        for (const l of p.leave) {
          const inserted = await tx
            .insert(leaves)
            .values({
              personId: p.id,
              fromDay: l.from,
              toDay: l.to,
              reason: l.reason ?? null,
              source: 'org_file',
              createdAt: opts.now ?? new Date(),
            })
            .onConflictDoUpdate({
              target: [leaves.personId, leaves.fromDay, leaves.toDay, leaves.source],
              set: { cancelledAt: null, reason: l.reason ?? null },
            })
            .returning({ id: leaves.id });
          if (inserted.length && !fileLeaves.some((f) => f.personId === p.id && f.fromDay === l.from && f.toDay === l.to))
            summary.leaveChanges++;
        }
      }
      for (const f of fileLeaves) {
        if (!wantedLeaves.has(`${f.personId}|${f.fromDay}|${f.toDay}`)) {
          await tx
            .update(leaves)
            .set({ cancelledAt: opts.now ?? new Date() })
            .where(eq(leaves.id, f.id));
          summary.leaveChanges++;
        }
      }

      await tx.insert(orgImports).values({ source: opts.source, sha256: opts.sha256, effectiveDay: opts.today, summary: { ...summary } });
      if (opts.within) await opts.within(tx);
      return summary;
    })
    .finally(forgetCachedPeople); // cached people (card clicks) are read again after an import
}
