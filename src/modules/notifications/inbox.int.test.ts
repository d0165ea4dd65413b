import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../../shared/contracts/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, guideOf, satisfyMaterials } from '../../../test/support/cases.js';

let app: TestApp;
let citizen: string;
beforeAll(async () => {
  app = await createTestApp();
  citizen = await app.login('citizen1');
});
afterAll(async () => app.cleanup());

type Inbox = {
  unread: number;
  items: {
    id: string;
    type: string;
    receiptNo: string;
    title: { zh: string };
    body: { zh: string };
  }[];
};

describe('inbox', () => {
  it('tells the applicant of acceptance and the department of its new task, and marks messages read', async () => {
    const guide = await guideOf(app, 'bundle', 'enterprise-startup');
    const res = await api<ApplicationView>(app, citizen, 'POST', '/api/v1/applications', {
      bundle: 'enterprise-startup',
      form: guide.form.examples[0],
      materials: await satisfyMaterials(app, citizen, guide),
      consent: { fetch: true },
    });
    expect(res.status).toBe(201);
    const inbox = (await api<Inbox>(app, citizen, 'GET', '/api/v1/notifications')).body;
    expect(inbox.items[0]).toMatchObject({
      type: 'application.accepted',
      receiptNo: res.body.receiptNo,
      title: { zh: '办件已受理' },
    });
    expect(inbox.unread).toBe(1);
    // The due time reads as China time, not as a machine timestamp.
    expect(inbox.items[0]?.body.zh).toMatch(/承诺办结时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const licence = res.body.tasks.find((t) => t.status === 'open')!;
    const reviewer = await app.login(`reviewer.${licence.department}`);
    const theirs = (await api<Inbox>(app, reviewer, 'GET', '/api/v1/notifications')).body;
    expect(
      theirs.items.some((n) => n.type === 'task.opened' && n.receiptNo === res.body.receiptNo),
    ).toBe(true);
    expect(
      (await api(app, reviewer, 'POST', `/api/v1/notifications/${inbox.items[0]!.id}/read`)).status,
    ).toBe(404);
    expect(
      (await api(app, citizen, 'POST', `/api/v1/notifications/${inbox.items[0]!.id}/read`)).status,
    ).toBe(204);
    expect((await api<Inbox>(app, citizen, 'GET', '/api/v1/notifications')).body.unread).toBe(0);
  });
});

describe('drafts', () => {
  it('saves, resumes, replaces and deletes a draft, only for its owner', async () => {
    const body = {
      subject: { kind: 'bundle', code: 'enterprise-startup' },
      form: { companyName: '嘉兴示范' },
      materials: [],
      step: 1,
    };
    const saved = await api<{ key: string; updatedAt: string }>(
      app,
      citizen,
      'PUT',
      '/api/v1/drafts/d-1',
      body,
    );
    expect(saved.status).toBe(200);
    const again = await api<{ form: Record<string, unknown>; step: number }>(
      app,
      citizen,
      'PUT',
      '/api/v1/drafts/d-1',
      { ...body, step: 2 },
    );
    expect(again.body.step).toBe(2);
    const resumed = await api<{ form: Record<string, unknown>; step: number }>(
      app,
      citizen,
      'GET',
      '/api/v1/drafts/d-1',
    );
    expect(resumed.body).toMatchObject({ form: { companyName: '嘉兴示范' }, step: 2 });
    expect(
      (await api<{ items: unknown[] }>(app, citizen, 'GET', '/api/v1/drafts')).body.items,
    ).toHaveLength(1);
    const other = await app.login('citizen2');
    expect((await api(app, other, 'GET', '/api/v1/drafts/d-1')).status).toBe(404);
    expect(
      (
        await api(app, citizen, 'PUT', '/api/v1/drafts/d-2', {
          ...body,
          subject: { kind: 'bundle', code: 'nope' },
        })
      ).status,
    ).toBe(404);
    expect((await api(app, citizen, 'DELETE', '/api/v1/drafts/d-1')).status).toBe(204);
    expect((await api(app, citizen, 'GET', '/api/v1/drafts/d-1')).status).toBe(404);
  });
});

describe('applicant look-up at the window', () => {
  it('gives a clerk the name and masked number, records the access in the ledger, and refuses citizens', async () => {
    const clerk = await app.login('clerk1');
    const res = await api(app, clerk, 'POST', '/api/v1/persons/lookup', {
      idNumber: '330681199003071233',
    });
    expect(res.body).toEqual({ found: true, name: '张伟', maskedIdNumber: '330681********1233' });
    const bad = await api<{ error: { details: { issues: { code: string }[] } } }>(
      app,
      clerk,
      'POST',
      '/api/v1/persons/lookup',
      { idNumber: '330681199003071234' },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues[0]?.code).toBe('checksum');
    expect(
      (
        await api(app, citizen, 'POST', '/api/v1/persons/lookup', {
          idNumber: '330681199003071233',
        })
      ).status,
    ).toBe(403);
    const { entries, pending } = await app.services.ledger.entriesFor('window-intake');
    const records = [
      ...entries.map((e) => e.opened.record),
      ...pending.map((p) => p.opened.record),
    ];
    expect(records.some((r) => r.action === 'data.accessed')).toBe(true);
    expect(JSON.stringify(records)).not.toContain('330681199003071233');
    const org = await api(app, clerk, 'POST', '/api/v1/organizations/lookup', {
      creditCode: '91330402MA2CXK7T89',
    });
    expect(org.body).toMatchObject({ found: true, name: '嘉兴南湖示范科技有限公司' });
  });
});
