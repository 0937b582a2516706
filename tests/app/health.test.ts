import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { DRIVERS, useTestDatabase } from '../helpers/test-db.ts';

describe.each(DRIVERS)('the service on %s', (driver) => {
  const t = useTestDatabase(driver);
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ config: readConfig({}), database: t.database, db: t.db, clock: new FixedClock('2026-11-27T00:00:00Z'), log: silentLogger });
  });
  afterAll(() => app.close());

  it('GET /healthz answers {"status":"ok"} after checking the database', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('an unknown route is a 404 with a JSON error, not a crash', async () => {
    const res = await app.inject({ method: 'POST', url: '/nowhere', payload: { a: 1 } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not found' });
  });
});

describe('the service with its database gone', () => {
  it('GET /healthz answers 503 when the database does not answer', async () => {
    const database = await openDatabase({});
    const app = await buildApp({ config: readConfig({}), database, db: database.db, clock: new FixedClock('2026-11-27T00:00:00Z'), log: silentLogger });
    await database.close();
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
    await app.close();
  });
});
