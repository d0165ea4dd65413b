import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api } from '../../../test/support/cases.js';

// A clerk's look-up of a person is a read of personal data like any other: it appears in the
// person's access log (我的数据使用记录) and in the ledger (issue #11 point 6).

const ZHANG_WEI = '330681199003071233'; // citizen1
const LI_NA = '33040220000229002X'; // citizen2

interface Access {
  channel: string;
  purpose: string;
  actorRole: string;
  departments: { code: string; name: string }[];
  items: { source: string; item: string; name: { zh: string } | null; fields: string[] }[];
  applicationId: string | null;
}

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app.cleanup());

const lookups = async (username: string) =>
  (
    await api<{ items: Access[] }>(app, await app.login(username), 'GET', '/api/v1/me/data-access')
  ).body.items.filter((a) => a.channel === 'lookup');

describe('clerks’ look-ups in the citizen’s access log', () => {
  it('shows the window’s applicant look-up: who, for what, which fields', async () => {
    expect(await lookups('citizen1')).toEqual([]);
    const clerk = await app.login('clerk1');
    const res = await api(app, clerk, 'POST', '/api/v1/persons/lookup', { idNumber: ZHANG_WEI });
    expect(res.status).toBe(200);
    expect(await lookups('citizen1')).toEqual([
      expect.objectContaining({
        purpose: 'window-intake',
        actorRole: 'clerk',
        departments: [{ code: 'service-centre', name: '政务服务中心综合窗口' }],
        items: [
          expect.objectContaining({
            source: 'identity',
            item: 'person',
            name: expect.objectContaining({ zh: '人员登记信息' }) as unknown,
            fields: ['name'],
          }),
        ],
        applicationId: null,
      }),
    ]);
    // In the ledger too, as an access (the subject only as its reference).
    const { entries, pending } = await app.services.ledger.entriesFor('window-intake');
    const records = [...entries, ...pending].map((e) => e.opened.record);
    expect(records.filter((r) => r.action === 'data.accessed')).toHaveLength(1);
    expect(JSON.stringify(records)).not.toContain(ZHANG_WEI);
  });

  it('shows a hand-over search by identity number, even when nothing is found', async () => {
    expect(await lookups('citizen2')).toEqual([]);
    const clerk = await app.login('clerk2');
    const res = await api<{ total: number }>(
      app,
      clerk,
      'GET',
      `/api/v1/hand-overs?q=${LI_NA}&state=all`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.total).toBe(0);
    const seen = await lookups('citizen2');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ purpose: 'hand-over', actorRole: 'clerk' });
    // Someone else's log is untouched.
    expect(await lookups('citizen1')).toHaveLength(1);
  });
});
