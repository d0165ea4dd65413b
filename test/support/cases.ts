import { expect } from 'vitest';
import type { ApplicationView, BundleGuide, MatterGuide } from '../../shared/contracts/index.js';
import { multipartFile, tinyPdf } from './multipart.js';
import type { TestApp } from './test-app.js';

/** The bytes of a 1×1 PNG. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Calls the API as `token` and returns status and parsed JSON. */
export async function api<T = Record<string, unknown>>(
  app: TestApp,
  token: string | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
  const res = await app.server.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  return {
    status: res.statusCode,
    body: (res.body ? res.json() : null) as T,
    headers: res.headers,
  };
}

/** Uploads a small file the material accepts and returns its id. */
export async function uploadFor(
  app: TestApp,
  token: string,
  material: BundleGuide['materials'][number],
): Promise<string> {
  const types = material.upload?.mediaTypes ?? [];
  const png = types.length > 0 && !types.includes('application/pdf') && types.includes('image/png');
  const body = multipartFile(png ? 'scan.png' : 'scan.pdf', png ? tinyPng : tinyPdf(material.id));
  const res = await app.server.inject({
    method: 'POST',
    url: '/api/v1/files',
    payload: body.payload,
    headers: { ...body.headers, authorization: `Bearer ${token}` },
  });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.body}`);
  return res.json<{ fileId: string }>().fileId;
}

/**
 * Material entries that satisfy every material of a guide the data hub does not: an upload
 * where one is accepted, otherwise a signed commitment. `skip` leaves materials out.
 */
export async function satisfyMaterials(
  app: TestApp,
  token: string,
  guide: BundleGuide | MatterGuide,
  skip: string[] = [],
) {
  const entries: { material: string; fileId?: string; commitment?: { dueDate?: string } }[] = [];
  for (const m of guide.materials) {
    if (skip.includes(m.id) || m.satisfiedBy.includes('datahub')) continue;
    if (m.satisfiedBy.includes('upload'))
      entries.push({ material: m.id, fileId: await uploadFor(app, token, m) });
    else if (m.satisfiedBy.includes('commitment')) entries.push({ material: m.id, commitment: {} });
  }
  return entries;
}

/** The guide of a bundle or matter. */
export async function guideOf(
  app: TestApp,
  kind: 'bundle' | 'matter',
  code: string,
): Promise<BundleGuide> {
  const res = await api<BundleGuide>(app, null, 'GET', `/api/v1/catalog/${kind}s/${code}`);
  if (res.status !== 200) throw new Error(`no ${kind} ${code}: ${res.status}`);
  return res.body;
}

/** The parents of the demo newborn: citizen1 张伟 and citizen2 李娜. */
export const NEWBORN_PARENTS = { father: '330681199003071233', mother: '33040220000229002X' };

/**
 * 出生一件事 submitted online by the father (`token`) with only the parents' identity numbers,
 * the data hub supplying the rest (consent given); throws unless it is accepted (201).
 */
export async function submitNewborn(app: TestApp, token: string): Promise<ApplicationView> {
  const guide = await guideOf(app, 'bundle', 'newborn');
  const res = await api<ApplicationView>(app, token, 'POST', '/api/v1/applications', {
    bundle: 'newborn',
    form: {
      ...guide.form.examples[0],
      childName: '张小宇',
      fatherIdNumber: NEWBORN_PARENTS.father,
      motherIdNumber: NEWBORN_PARENTS.mother,
      registerWith: 'father',
    },
    materials: [],
    consent: { fetch: true },
  });
  if (res.status !== 201) throw new Error(`newborn: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * 企业开办 submitted online by `token` with the guide's example form, every material it takes
 * uploaded and the consent given, then approved by every department a minute later; returns
 * the completed application (its credentials issued).
 */
export async function completeStartup(app: TestApp, token: string): Promise<ApplicationView> {
  const guide = await guideOf(app, 'bundle', 'enterprise-startup');
  const submitted = await api<ApplicationView>(app, token, 'POST', '/api/v1/applications', {
    bundle: 'enterprise-startup',
    form: guide.form.examples[0],
    materials: await satisfyMaterials(app, token, guide),
    consent: { fetch: true },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  app.clock.advance(60_000);
  return approveAll(app, submitted.body);
}

/**
 * Approves every open step (as each department's reviewer) until the application is completed;
 * `outputs` gives the decision's outputs by department (a child's identity number, say).
 */
export async function approveAll(
  app: TestApp,
  start: ApplicationView,
  outputs: Record<string, Record<string, unknown>> = {},
): Promise<ApplicationView> {
  let current = start;
  for (let round = 0; round < 4 && current.status !== 'completed'; round++) {
    for (const task of current.tasks.filter((t) => t.status === 'open')) {
      const reviewer = await app.login(`reviewer.${task.department}`);
      const given = outputs[task.department];
      const res = await api(app, reviewer, 'POST', `/api/v1/tasks/${task.id}/decision`, {
        decision: 'approve',
        ...(given ? { outputs: given } : {}),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(204);
    }
    const supervisor = await app.login('supervisor1');
    current = (
      await api<ApplicationView>(app, supervisor, 'GET', `/api/v1/applications/${current.id}`)
    ).body;
  }
  expect(current.status).toBe('completed');
  return current;
}
