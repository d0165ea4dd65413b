import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialect, type TestApp } from '../../../test/support/test-app.js';
import { findIdNumbers } from './index.js';

// A real unique violation on persons.id_number, through the real error handler and logger.
// On PostgreSQL the driver's error carries the row in `detail`:
// "Key (id_number)=(330681199003071233) already exists."
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
  app.server.post('/api/v1/duplicate-person', async () => {
    const person = await app.db.selectFrom('persons').selectAll().executeTakeFirstOrThrow();
    await app.db
      .insertInto('persons')
      .values({ ...person, id: 'duplicate' })
      .execute();
    return { ok: true };
  });
});
afterAll(async () => app.cleanup());

describe('a database error', () => {
  it('answers 500 INTERNAL and logs the error without the identity number', async () => {
    const res = await app.server.inject({ method: 'POST', url: '/api/v1/duplicate-person' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(findIdNumbers(res.body)).toEqual([]);

    const line = app.logLines.find((l) => l.includes('"unhandled error"'));
    expect(line).toBeDefined();
    const logged = JSON.parse(line ?? '{}') as { err?: Record<string, unknown> };
    // What is left still says which constraint broke.
    expect(JSON.stringify(logged.err)).toMatch(/id_number/);
    if (testDialect === 'postgres') {
      expect(logged.err).toMatchObject({ code: '23505', detail: '[redacted]' });
    }
    expect(findIdNumbers(line ?? '')).toEqual([]);
    expect(line).not.toContain('maskedIdNumbers');
  });
});
