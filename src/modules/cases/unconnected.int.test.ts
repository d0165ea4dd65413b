import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../../shared/contracts/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, guideOf, satisfyMaterials } from '../../../test/support/cases.js';

// Nothing counts as fetched that was not (issue #11 point 6): the maritime safety
// administration's seafarer records (msa) are not connected to the data hub, so the training
// records a seafarer's certificate needs are asked from the applicant.

let app: TestApp;
let citizen: string;
beforeAll(async () => {
  app = await createTestApp();
  citizen = await app.login('citizen1');
});
afterAll(async () => app.cleanup());

interface Stats {
  matters: { code: string; materials: number; byDatahub: number; noLongerAsked: number }[];
}

describe('a material whose source is not connected', () => {
  it('is offered as an upload in the guide, naming the item that would satisfy it', async () => {
    const guide = await guideOf(app, 'matter', 'msa-seafarer-certificate');
    const records = guide.materials.find((m) => m.id === 'seafarer-training-records');
    expect(records?.satisfiedBy).toEqual(['upload']);
    expect(records?.datahub).toBeUndefined();
    expect(records?.notConnected).toEqual({ source: 'msa', item: 'seafarer-records' });
    // A connected one is still fetched.
    const identity = guide.materials.find((m) => m.id === 'applicant-identity');
    expect(identity?.satisfiedBy).toContain('datahub');
  });

  it('is asked at submission, not counted as fetched, and accepted once uploaded', async () => {
    const guide = await guideOf(app, 'matter', 'msa-seafarer-certificate');
    const res = await api<ApplicationView>(app, citizen, 'POST', '/api/v1/applications', {
      matter: 'msa-seafarer-certificate',
      form: guide.form.examples[0],
      materials: [],
      consent: { fetch: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('deficient');
    expect(res.body.notice?.items.map((i) => [i.material, i.reason])).toEqual([
      ['seafarer-training-records', 'missing'],
    ]);
    const records = res.body.materials.find((m) => m.material === 'seafarer-training-records');
    expect(records?.state).toBe('missing');
    expect(records?.datahub ?? null).toBeNull();
    const identity = res.body.materials.find((m) => m.material === 'applicant-identity');
    expect(identity?.state).toBe('datahub');
    expect(identity?.datahub?.accessIds.length).toBe(1);

    const supplied = await api<ApplicationView>(
      app,
      citizen,
      'POST',
      `/api/v1/applications/${res.body.id}/materials`,
      { materials: await satisfyMaterials(app, citizen, guide) },
    );
    expect(supplied.status, JSON.stringify(supplied.body)).toBe(200);
    expect(supplied.body.status).toBe('accepted');
    expect(
      supplied.body.materials.find((m) => m.material === 'seafarer-training-records')?.state,
    ).toBe('uploaded');
  });

  it('does not count in 无证明', async () => {
    const res = await api<Stats>(app, null, 'GET', '/api/v1/catalog/no-proof-stats');
    expect(res.status).toBe(200);
    const of = (code: string) => res.body.matters.find((m) => m.code === code);
    // Two materials, only the applicant's identity comes from the hub.
    expect(of('msa-seafarer-certificate')).toMatchObject({ materials: 2, byDatahub: 1 });
    // The remote video interview (datab) is asked too; the kinship proof (psb) is fetched.
    expect(of('notary-kinship')).toMatchObject({ byDatahub: 1, noLongerAsked: 1 });
    // Every material of the ship's entry to the port comes from unconnected sources.
    expect(of('msa-ship-entry')).toMatchObject({ byDatahub: 0 });
  });
});
