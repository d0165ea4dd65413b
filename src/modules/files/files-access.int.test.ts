import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../../shared/contracts/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, guideOf, satisfyMaterials, uploadFor } from '../../../test/support/cases.js';

interface Access {
  channel: string;
  actorRole: string;
  purpose: string;
  departments: { code: string }[];
  items: { source: string; item: string; fields: string[]; name?: { zh: string } }[];
}

let app: TestApp;
let citizen1: string;
let application: ApplicationView;
let fileId: string;
let materialId: string;
beforeAll(async () => {
  app = await createTestApp();
  citizen1 = await app.login('citizen1');
  const guide = await guideOf(app, 'bundle', 'enterprise-startup');
  const res = await api<ApplicationView>(app, citizen1, 'POST', '/api/v1/applications', {
    bundle: 'enterprise-startup',
    form: guide.form.examples[0],
    materials: await satisfyMaterials(app, citizen1, guide),
    consent: { fetch: true },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  application = res.body;
  const held = application.materials.find((m) => m.fileId);
  expect(held, 'the application holds an uploaded file').toBeDefined();
  fileId = held!.fileId!;
  materialId = held!.material;
});
afterAll(async () => app.cleanup());

const download = async (token: string | null) =>
  (
    await app.server.inject({
      method: 'GET',
      url: `/api/v1/files/${fileId}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    })
  ).statusCode;
const fileReads = async () =>
  (
    await api<{ items: Access[] }>(app, citizen1, 'GET', '/api/v1/me/data-access')
  ).body.items.filter((a) => a.channel === 'file');

describe('who may read a citizen’s uploaded file', () => {
  it('refuses every account with no part in the application, and records no read for them', async () => {
    const withTask = new Set(application.tasks.map((t) => t.department));
    const otherDepartment = app.services.catalog
      .listDepartments()
      .map((d) => d.code)
      .find((code) => !withTask.has(code));
    expect(otherDepartment, 'a department without a task on it').toBeDefined();
    const outsiders = [
      'citizen2',
      'company1',
      'admin',
      'verifier1',
      'judge1',
      'mediator1',
      'clerk1',
      `reviewer.${otherDepartment}`,
      // A department's lead sees escalations of their own department, not every citizen's files.
      `lead.${otherDepartment}`,
    ];
    for (const username of outsiders)
      expect(await download(await app.login(username)), username).toBe(403);
    const { key } = await app.services.identity.createApiKey(otherDepartment!, 'other system');
    expect(await download(key), 'another department’s system').toBe(403);
    expect(await download(null)).toBe(401);
    expect(await fileReads()).toHaveLength(0);
  });

  it('lets the uploader read it without a log entry', async () => {
    expect(await download(citizen1)).toBe(200);
    expect(await fileReads()).toHaveLength(0);
  });

  it('lets each department with a task and supervision read it, and shows every read to the citizen', async () => {
    const departments = [...new Set(application.tasks.map((t) => t.department))];
    for (const code of departments)
      expect(await download(await app.login(`reviewer.${code}`)), code).toBe(200);
    expect(await download(await app.login('supervisor1'))).toBe(200);
    const { key } = await app.services.identity.createApiKey(departments[0]!, 'licence system');
    expect(await download(key), 'a department’s own system').toBe(200);

    const reads = await fileReads();
    expect(reads).toHaveLength(departments.length + 2);
    expect(reads.filter((r) => r.actorRole === 'supervisor')).toHaveLength(1);
    expect(new Set(reads.flatMap((r) => r.departments.map((d) => d.code)))).toEqual(
      new Set([...departments, 'supervision']),
    );
    for (const r of reads) {
      expect(r.purpose).toContain(application.receiptNo);
      expect(r.items).toEqual([
        expect.objectContaining({ source: 'files', item: materialId, fields: ['scan.pdf'] }),
      ]);
      expect(r.items[0]?.name?.zh).toBeTruthy();
    }
  });

  it('lets the lead of a department with a task read it, and shows that read to the citizen', async () => {
    const department = application.tasks[0]!.department;
    const before = await fileReads();
    expect(await download(await app.login(`lead.${department}`))).toBe(200);
    const reads = await fileReads();
    expect(reads).toHaveLength(before.length + 1);
    const leadReads = reads.filter((r) => r.actorRole === 'lead');
    expect(leadReads).toHaveLength(1);
    expect(leadReads[0]).toMatchObject({
      departments: [expect.objectContaining({ code: department })],
      items: [expect.objectContaining({ source: 'files', item: materialId })],
    });
    expect(leadReads[0]!.purpose).toContain(application.receiptNo);
  });
});

describe('a walk-in application accepted at the window', () => {
  it('lets the applicant read the scans the clerk made, and logs the departments’ reads', async () => {
    const clerk = await app.login('clerk1');
    const guide = await guideOf(app, 'bundle', 'enterprise-startup');
    const res = await api<ApplicationView>(app, clerk, 'POST', '/api/v1/applications', {
      bundle: 'enterprise-startup',
      form: guide.form.examples[0],
      materials: await satisfyMaterials(app, clerk, guide),
      applicant: { idNumber: '330681199003071233', name: '张伟' },
      channel: 'window',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const scan = res.body.materials.find((m) => m.fileId)!.fileId!;
    const read = async (token: string) =>
      (
        await app.server.inject({
          method: 'GET',
          url: `/api/v1/files/${scan}`,
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode;
    const before = (await fileReads()).length;
    expect(await read(clerk)).toBe(200);
    expect(await read(citizen1)).toBe(200);
    expect(await read(await app.login('citizen2'))).toBe(403);
    expect(await fileReads()).toHaveLength(before);
    const department = res.body.tasks[0]!.department;
    expect(await read(await app.login(`reviewer.${department}`))).toBe(200);
    const reads = await fileReads();
    expect(reads).toHaveLength(before + 1);
    expect(reads.some((r) => r.purpose.includes(res.body.receiptNo))).toBe(true);
  });

  it('logs for the applicant the accepting clerk’s read of a file the applicant uploaded', async () => {
    const clerk = await app.login('clerk1');
    const guide = await guideOf(app, 'bundle', 'enterprise-startup');
    const left = guide.materials.find(
      (m) => m.essential && m.satisfiedBy.includes('upload') && !m.satisfiedBy.includes('datahub'),
    )!;
    // The clerk accepts it without one scan: the one-time notice asks the applicant for it.
    const res = await api<ApplicationView>(app, clerk, 'POST', '/api/v1/applications', {
      bundle: 'enterprise-startup',
      form: guide.form.examples[0],
      materials: await satisfyMaterials(app, clerk, guide, [left.id]),
      applicant: { idNumber: '330681199003071233', name: '张伟' },
      channel: 'window',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('deficient');
    const own = await uploadFor(app, citizen1, left);
    const supplied = await api<ApplicationView>(
      app,
      citizen1,
      'POST',
      `/api/v1/applications/${res.body.id}/materials`,
      { materials: [{ material: left.id, fileId: own }] },
    );
    expect(supplied.status, JSON.stringify(supplied.body)).toBe(200);
    expect(supplied.body.materials.find((m) => m.material === left.id)?.fileId).toBe(own);

    const before = (await fileReads()).length;
    const read = await app.server.inject({
      method: 'GET',
      url: `/api/v1/files/${own}`,
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(read.statusCode).toBe(200);
    const reads = await fileReads();
    expect(reads).toHaveLength(before + 1);
    const mine = reads.filter(
      (r) => r.actorRole === 'clerk' && r.purpose.includes(res.body.receiptNo),
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]!.items).toEqual([expect.objectContaining({ source: 'files', item: left.id })]);
  });
});
