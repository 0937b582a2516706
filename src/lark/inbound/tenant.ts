// Which tenant's pushes are accepted: LARK_TENANT_KEY when set; otherwise the tenant of the first push that passed every
// other check (signature, timestamp, token, app id), stored once per app so that every instance and restart agrees.
//
// A custom app (企业自建应用) lives in one tenant, and every push's header names it (`tenant_key`); a push naming
// another tenant was not made by Lark for this app.
import type { AppContext } from '../../context.ts';
import { learnTenant } from '../../db/queries/lark-tenants.ts';

/** app id → the tenant in force, per service instance (read once, then kept: it never changes once stored). */
const known = new WeakMap<AppContext, Map<string, string>>();

/** Why this tenant is refused, or null when it is the one in force. Throws when the database cannot be asked. */
export async function tenantProblem(ctx: AppContext, appId: string, tenantKey: string): Promise<string | null> {
  const configured = ctx.config.LARK_TENANT_KEY;
  if (configured) return tenantKey === configured ? null : 'tenant_key is not LARK_TENANT_KEY';
  let byApp = known.get(ctx);
  if (!byApp) known.set(ctx, (byApp = new Map()));
  let inForce = byApp.get(appId);
  if (inForce === undefined) {
    inForce = await learnTenant(ctx.db, appId, tenantKey, ctx.clock.now());
    byApp.set(appId, inForce);
    ctx.log.info({ appId, tenantKey: inForce }, 'lark tenant in force (set LARK_TENANT_KEY to pin it)');
  }
  return tenantKey === inForce ? null : 'tenant_key is not the tenant this app was first reached from';
}
