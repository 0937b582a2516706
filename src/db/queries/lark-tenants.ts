// Queries on lark_tenants: the tenant an app's pushes come from, learned once (the first writer wins, every instance agrees).
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { larkTenants } from '../schema/index.ts';

/** Records `tenantKey` for the app unless one is recorded already; returns the one recorded (this one or the earlier). */
export async function learnTenant(db: Db, appId: string, tenantKey: string, now: Date): Promise<string> {
  const [inserted] = await db
    .insert(larkTenants)
    .values({ appId, tenantKey, learnedAt: now })
    .onConflictDoNothing()
    .returning({ tenantKey: larkTenants.tenantKey });
  if (inserted) return inserted.tenantKey;
  const [row] = await db.select({ tenantKey: larkTenants.tenantKey }).from(larkTenants).where(eq(larkTenants.appId, appId));
  return row!.tenantKey;
}
