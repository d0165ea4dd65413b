import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../../shared/contracts/index.js';
import { httpSource } from './index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, guideOf, uploadFor } from '../../../test/support/cases.js';

// The civil affairs bureau's API never answers: marriage data times out.
const hanging = http.createServer(() => undefined);
let app: TestApp;

beforeAll(async () => {
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`;
  app = await createTestApp({
    overrides: {
      datahubSources: { civil: httpSource({ url, source: 'civil', timeoutMs: 100, retries: 1 }) },
    },
  });
});
afterAll(async () => {
  await app.cleanup();
  hanging.closeAllConnections();
  await new Promise((resolve) => hanging.close(resolve));
});

describe('a data source that times out', () => {
  it('falls back to an upload with a bilingual notice, keeps the application, and accepts it once uploaded', async () => {
    const citizen = await app.login('citizen1');
    const guide = await guideOf(app, 'bundle', 'newborn');
    const res = await api<ApplicationView>(app, citizen, 'POST', '/api/v1/applications', {
      bundle: 'newborn',
      form: {
        ...guide.form.examples[0],
        fatherIdNumber: '330681199003071233',
        motherIdNumber: '33040220000229002X',
        registerWith: 'father',
      },
      materials: [],
      consent: { fetch: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('deficient');
    const items = res.body.notice?.items ?? [];
    expect(items.map((i) => [i.material, i.reason])).toEqual([
      ['marriage-certificate', 'datahub-unavailable'],
    ]);
    expect(items[0]?.message.zh).toContain('公共数据平台');
    expect(items[0]?.message.en).toContain('data hub');
    // What could be fetched was, and stays fetched.
    expect(res.body.materials.filter((m) => m.state === 'datahub').length).toBe(
      res.body.materials.length - 1,
    );
    const material = guide.materials.find((m) => m.id === 'marriage-certificate')!;
    const supplied = await api<ApplicationView>(
      app,
      citizen,
      'POST',
      `/api/v1/applications/${res.body.id}/materials`,
      {
        materials: [
          { material: 'marriage-certificate', fileId: await uploadFor(app, citizen, material) },
        ],
      },
    );
    expect(supplied.status, JSON.stringify(supplied.body)).toBe(200);
    expect(supplied.body.status).toBe('accepted');
  });
});
