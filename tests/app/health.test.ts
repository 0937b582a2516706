import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import type { Service } from '../../src/service.ts';
import { testService } from '../helpers/service.ts';
import { DRIVERS, pgliteTemplate, useTestDatabase } from '../helpers/test-db.ts';

describe.each(DRIVERS)('the service on %s', (driver) => {
  const t = useTestDatabase(driver);
  let service: Service;
  beforeAll(async () => {
    service = await testService(t.database);
  });
  afterAll(() => service.close());

  it('GET /healthz answers {"status":"ok"} after checking the database', async () => {
    const res = await service.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('an unknown route is a 404 with a JSON error, not a crash', async () => {
    const res = await service.app.inject({ method: 'POST', url: '/nowhere', payload: { a: 1 } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not found' });
  });

  it('without LARK_APP_ID the webhook is not served', async () => {
    const res = await service.app.inject({ method: 'POST', url: '/lark/webhook', payload: {} });
    expect(res.statusCode).toBe(404);
  });
});

describe('the service with its database gone', () => {
  it('GET /healthz answers 503 when the database does not answer', async () => {
    const database = await openDatabase({ pgliteTemplate: pgliteTemplate() });
    const service = await testService(database);
    await database.close();
    const res = await service.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
    await service.close();
  });
});
