import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DataPreviewSchema,
  type ApplicationView,
  type BundleGuide,
  type ErrorBody,
} from '../../../shared/contracts/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, guideOf, satisfyMaterials } from '../../../test/support/cases.js';

// citizen2 of the demo (李娜) applies online for a company start-up, some of whose materials
// the data hub fetches; clerk1 takes one in at the window for her.
const LI_NA = { idNumber: '33040220000229002X' };

let app: TestApp;
let citizen2: string;
let clerk1: string;
let guide: BundleGuide;
let fetched: BundleGuide['materials'];

const submit = async (token: string, body: Record<string, unknown>) =>
  api<ApplicationView & ErrorBody>(app, token, 'POST', '/api/v1/applications', {
    bundle: 'enterprise-startup',
    form: guide.form.examples[0],
    materials: await satisfyMaterials(app, token, guide),
    ...body,
  });
const countApplications = async () =>
  (await app.db.selectFrom('applications').select('id').execute()).length;
const accessesOf = async (token: string) =>
  (await api<{ items: unknown[] }>(app, token, 'GET', '/api/v1/me/data-access')).body.items.length;

beforeAll(async () => {
  app = await createTestApp();
  citizen2 = await app.login('citizen2');
  clerk1 = await app.login('clerk1');
  guide = await guideOf(app, 'bundle', 'enterprise-startup');
  fetched = guide.materials.filter((m) => m.satisfiedBy.includes('datahub') && m.datahub);
  expect(fetched.length).toBeGreaterThan(0);
});
afterAll(async () => app.cleanup());

describe('授权调取: consent to fetch data, online', () => {
  it('previews the data in the shape the wizard reads (the shared contract)', async () => {
    const res = await api(app, citizen2, 'POST', '/api/v1/datahub/preview', {
      bundle: 'enterprise-startup',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const preview = DataPreviewSchema.strict().parse(res.body);
    expect(preview.items.map((i) => i.material)).toEqual(fetched.map((m) => m.id));
  });

  it('refuses an online submission that fetches data without consent, and keeps nothing', async () => {
    const before = { apps: await countApplications(), accesses: await accessesOf(citizen2) };
    const res = await submit(citizen2, {});
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('CASE_CONSENT_REQUIRED');
    expect(res.body.error.message).toContain('授权调取');
    expect(res.body.error.details).toMatchObject({
      issues: [{ path: 'consent', code: 'required' }],
    });
    const english = await api<ErrorBody>(
      app,
      citizen2,
      'POST',
      '/api/v1/applications',
      { bundle: 'enterprise-startup', form: guide.form.examples[0], materials: [] },
      { 'accept-language': 'en' },
    );
    expect(english.status).toBe(422);
    expect(english.body.error.message).toContain('consent');
    // Nothing kept, and nothing read about her.
    expect(await countApplications()).toBe(before.apps);
    expect(await accessesOf(citizen2)).toBe(before.accesses);
  });

  it('refuses a consent that leaves out an item the submission fetches', async () => {
    const [first, ...rest] = fetched;
    const res = await submit(citizen2, {
      consent: {
        fetch: true,
        items: rest.map((m) => ({ material: m.id, ...m.datahub })),
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('CASE_CONSENT_REQUIRED');
    expect(res.body.error.details).toMatchObject({
      issues: [{ path: 'consent.items', code: 'not_consented' }],
    });
    expect(JSON.stringify(res.body.error.details)).toContain(first!.id);
  });

  it('keeps the consent with the application: its table, its view and its history', async () => {
    const items = fetched.map((m) => ({
      material: m.id,
      source: m.datahub!.source,
      item: m.datahub!.item,
      fields: ['name'],
    }));
    const res = await submit(citizen2, {
      consent: { fetch: true, previewedAt: '2026-12-01T09:58:00+08:00', items },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const seen = (
      await api<ApplicationView>(app, citizen2, 'GET', `/api/v1/applications/${res.body.id}`)
    ).body;
    expect(seen.consent).toEqual({
      by: 'applicant',
      account: expect.any(String) as string,
      givenAt: expect.stringMatching(/^2026-12-01T\d{2}:\d{2}:\d{2}(\.\d+)?\+08:00$/) as string,
      previewedAt: '2026-12-01T09:58:00+08:00',
      items: fetched.map((m) => ({
        material: m.id,
        name: m.name,
        source: m.datahub!.source,
        item: m.datahub!.item,
        fields: ['name'],
      })),
    });
    const types = seen.actions.map((a) => a.type);
    expect(types.slice(0, 2)).toEqual(['submitted', 'consented']);
    const action = seen.actions.find((a) => a.type === 'consented');
    expect(action).toMatchObject({
      actor: seen.consent?.account,
      channel: 'online',
      data: { by: 'applicant', previewedAt: '2026-12-01T09:58:00+08:00', items },
    });
    const rows = await app.db
      .selectFrom('application_consents')
      .selectAll()
      .where('application_id', '=', seen.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ account_id: seen.consent?.account, given_by: 'applicant' });
    expect(JSON.parse(rows[0]!.items)).toEqual(items);
    // The history's action goes to the ledger with the submission (the case writer).
    const ledger = await api(app, citizen2, 'GET', `/api/v1/applications/${seen.id}/ledger`);
    expect(ledger.status).toBe(200);
    expect(JSON.stringify(ledger.body)).toContain('case.consented');
  });

  it('takes `fetch: true` alone, and records the items the submission fetches', async () => {
    const res = await submit(citizen2, { consent: { fetch: true } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.consent).toMatchObject({ by: 'applicant', previewedAt: null });
    expect(res.body.consent?.items.map((i) => [i.material, i.fields])).toEqual(
      fetched.map((m) => [m.id, null]),
    );
  });
});

describe('授权调取 at the window', () => {
  it('is not required of a clerk (the applicant signs the paper form)', async () => {
    const res = await submit(clerk1, { applicant: LI_NA, channel: 'window' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.consent).toBeNull();
  });

  it('records the clerk’s statement that the applicant agreed', async () => {
    const res = await submit(clerk1, {
      applicant: LI_NA,
      channel: 'window',
      consent: { fetch: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.consent).toMatchObject({ by: 'clerk' });
    expect(res.body.actions.find((a) => a.type === 'consented')).toMatchObject({
      actorRole: 'clerk',
      channel: 'window',
    });
  });
});
