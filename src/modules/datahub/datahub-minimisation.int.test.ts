import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView, BundleGuide, TaskView } from '../../../shared/contracts/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, NEWBORN_PARENTS, guideOf, submitNewborn } from '../../../test/support/cases.js';

// Field-level minimisation (issue #11 point 3): a query gets only what the matters of the
// caller's own steps declare, never the whole item.

const { mother: MOTHER } = NEWBORN_PARENTS;

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
interface QueryResult {
  items: { source: string; item: string; found: boolean; data: Record<string, unknown> | null }[];
}

let app: TestApp;
let father: string;
let guide: BundleGuide;
let newborn: ApplicationView;

beforeAll(async () => {
  app = await createTestApp();
  father = await app.login('citizen1');
  guide = await guideOf(app, 'bundle', 'newborn');
  newborn = await submitNewborn(app, father);
  // The household step (psb) opens once the birth certificate (health) is approved.
  const health = newborn.tasks.find((t) => t.department === 'health') as TaskView;
  const decided = await api(
    app,
    await app.login('reviewer.health'),
    'POST',
    `/api/v1/tasks/${health.id}/decision`,
    { decision: 'approve' },
  );
  expect(decided.status, JSON.stringify(decided.body)).toBe(204);
});
afterAll(async () => app.cleanup());

const population = (fields?: string[]) => [
  { source: 'psb', item: 'population-basic', ...(fields ? { fields } : {}) },
];
const query = (token: string, items: unknown, subject = MOTHER, applicationId = newborn.id) =>
  api<QueryResult & ErrorBody>(app, token, 'POST', '/api/v1/datahub/queries', {
    subject,
    items,
    purpose: { applicationId },
  });

describe('the catalog declares, per material, the fields a matter needs', () => {
  it('fetches at submission only the declared fields, the union of the steps that need them', () => {
    const parents = newborn.materials.find((m) => m.material === 'parents-identity');
    expect(parents?.state).toBe('datahub');
    // Health needs the parents' names; the household registration also their ethnicity.
    expect(parents?.datahub?.fields).toEqual(['name', 'ethnicity']);
    const material = guide.materials.find((m) => m.id === 'parents-identity');
    expect(material?.fieldsByStep).toEqual({
      'birth-certificate': ['name'],
      household: ['name', 'ethnicity'],
    });
  });
});

describe('purpose-bound queries get only the declared fields', () => {
  it('answers a query without fields with what the department’s matter declares, and no more', async () => {
    const psb = await query(await app.login('reviewer.psb'), population());
    expect(psb.status, JSON.stringify(psb.body)).toBe(200);
    const data = psb.body.items[0]?.data ?? {};
    expect(Object.keys(data).sort()).toEqual(['ethnicity', 'name']);
    // The mother's identity number, address and date of birth were not asked for.
    expect(data).not.toHaveProperty('idNumber');
    expect(data).not.toHaveProperty('address');
    expect(JSON.stringify(psb.body)).not.toContain(MOTHER);
    const health = await query(await app.login('reviewer.health'), population());
    expect(health.status, JSON.stringify(health.body)).toBe(200);
    expect(Object.keys(health.body.items[0]?.data ?? {})).toEqual(['name']);
  });

  it('refuses a field beyond the declaration with DATAHUB_FIELD_NOT_ALLOWED naming it', async () => {
    const psb = await app.login('reviewer.psb');
    const res = await query(psb, population(['name', 'address']));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('DATAHUB_FIELD_NOT_ALLOWED');
    expect(res.body.error.message).toContain('address');
    expect(res.body.error.details).toMatchObject({
      item: 'psb/population-basic',
      field: 'address',
      allowed: ['name', 'ethnicity'],
      path: 'items.0.fields.1',
    });
    // What one department's matter declares is not another's: health did not declare ethnicity.
    const health = await query(await app.login('reviewer.health'), population(['ethnicity']));
    expect(health.status).toBe(403);
    expect(health.body.error.code).toBe('DATAHUB_FIELD_NOT_ALLOWED');
    const en = await api<ErrorBody>(
      app,
      psb,
      'POST',
      '/api/v1/datahub/queries',
      { subject: MOTHER, items: population(['idNumber']), purpose: { applicationId: newborn.id } },
      { 'accept-language': 'en' },
    );
    expect(en.status).toBe(403);
    expect(en.body.error.message).toMatch(/does not declare the field idNumber/);
  });

  it('refuses another department’s application and an unknown one, each with its own code', async () => {
    const tax = await query(await app.login('reviewer.tax'), population());
    expect(tax.status).toBe(403);
    expect(tax.body.error.code).toBe('DATAHUB_FORBIDDEN');
    const none = await query(await app.login('reviewer.psb'), population(), MOTHER, 'no-such-app');
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('DATAHUB_APPLICATION_NOT_FOUND');
  });

  it('records every refusal for the supervision office, without reading anything', async () => {
    const supervisor = await app.login('supervisor1');
    const res = await api<{
      items: {
        code: string;
        department: string | null;
        applicationId: string | null;
        items: unknown[];
      }[];
    }>(app, supervisor, 'GET', '/api/v1/datahub/refusals');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const codes = res.body.items.map((r) => r.code);
    expect(codes.filter((c) => c === 'DATAHUB_FIELD_NOT_ALLOWED')).toHaveLength(3);
    expect(codes).toContain('DATAHUB_FORBIDDEN');
    expect(codes).toContain('DATAHUB_APPLICATION_NOT_FOUND');
    expect(res.body.items.find((r) => r.code === 'DATAHUB_FORBIDDEN')).toMatchObject({
      department: 'tax',
      applicationId: newborn.id,
      items: [{ source: 'psb', item: 'population-basic' }],
    });
    expect(JSON.stringify(res.body)).not.toContain(MOTHER);
    const denied = await api<ErrorBody>(
      app,
      await app.login('reviewer.psb'),
      'GET',
      '/api/v1/datahub/refusals',
    );
    expect(denied.status).toBe(403);
    // The mother's log shows only what was read: the two answered queries.
    const mother = await app.login('citizen2');
    const log = await api<{ items: { channel: string; items: { fields: string[] }[] }[] }>(
      app,
      mother,
      'GET',
      '/api/v1/me/data-access',
    );
    const queries = log.body.items.filter((a) => a.channel === 'query');
    expect(queries.map((a) => a.items[0]?.fields).sort()).toEqual([
      ['name'],
      ['name', 'ethnicity'],
    ]);
  });

  it('previews only the fields a submission would fetch', async () => {
    const res = await api<{ items: { material: string; fields: { name: string }[] }[] }>(
      app,
      father,
      'POST',
      '/api/v1/datahub/preview',
      { bundle: 'newborn' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const parents = res.body.items.find((i) => i.material === 'parents-identity');
    expect(parents?.fields.map((f) => f.name)).toEqual(['name', 'ethnicity']);
  });
});
