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
