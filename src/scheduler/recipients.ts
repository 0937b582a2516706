// Who receives what a rule names: the admin department, the leader in charge, the quality center, customer service, the manager.
import type { DutyAssignment, DutyOrg } from '../rules/duties/duty-org.ts';
import type { Recipient } from '../rules/rulebook/schema.ts';
import type { TickContext } from './tick-context.ts';

/** Holder of a role at a center on a day (validFrom ≤ day < validTo). */
export function holderOn(ctx: Pick<TickContext, 'org'>, centerCode: string, role: string, day: string): string[] {
  return (postsOf(ctx.org).get(`${centerCode}|${role}`) ?? [])
    .filter((a) => a.validFrom <= day && (a.validTo === null || a.validTo > day))
    .map((a) => a.personId);
}

/** Assignments by center and role, built once per loaded org (10,000 centers: no scan of every post per lookup). */
const byPost = new WeakMap<DutyOrg, Map<string, DutyAssignment[]>>();
function postsOf(org: DutyOrg): Map<string, DutyAssignment[]> {
  let index = byPost.get(org);
  if (!index) {
    index = new Map();
    for (const a of org.assignments) {
      const k = `${a.centerCode}|${a.role}`;
      index
        .set(k, index.get(k) ?? [])
        .get(k)!
        .push(a);
    }
    byPost.set(org, index);
  }
  return index;
}

/** The people a recipient names for a center on a day. */
export function recipientIds(ctx: Pick<TickContext, 'org' | 'departments'>, who: Recipient, centerCode: string, day: string): string[] {
  switch (who) {
    case 'admin': {
      const byRole = [...ctx.org.people.values()].filter((p) => p.active && p.roles.includes('admin')).map((p) => p.id);
      return [...new Set([...(ctx.departments.get('admin') ?? []), ...byRole])];
    }
    case 'quality_center':
      return ctx.departments.get('quality_center') ?? [];
    case 'customer_service':
      return ctx.departments.get('customer_service') ?? [];
    case 'leader':
      return holderOn(ctx, centerCode, 'leader', day);
    case 'manager':
      return holderOn(ctx, centerCode, 'manager', day);
  }
}

/** An open complaint (owner: the manager who received it) or clock (owner: who started it) at a center. */
export interface OpenItem {
  kind: 'complaint' | 'clock';
  centerCode: string;
  ownerId: string;
}

/** Does a person hold a post (manager or supervisor) at a center on a day? */
export function postedOn(ctx: Pick<TickContext, 'org'>, centerCode: string, personId: string, day: string): boolean {
  return holderOn(ctx, centerCode, 'manager', day).includes(personId) || holderOn(ctx, centerCode, 'supervisor', day).includes(personId);
}

/**
 * Who answers for an open complaint or clock on a day, resolved from the center's posts that day (the rows are never
 * rewritten): a complaint is its center's manager's; a clock stays with whoever started it while they hold a post
 * there, else it is the manager's. So a handover moves everything open to the new manager from their first day, and
 * a handover undone moves it back. Null when the center has nobody (closed).
 */
export function answererOn(ctx: Pick<TickContext, 'org'>, item: OpenItem, day: string): string | null {
  const manager = holderOn(ctx, item.centerCode, 'manager', day);
  if (manager.includes(item.ownerId)) return item.ownerId;
  const posted = postedOn(ctx, item.centerCode, item.ownerId, day);
  if (item.kind === 'clock' && posted) return item.ownerId;
  return manager[0] ?? (posted ? item.ownerId : null);
}
