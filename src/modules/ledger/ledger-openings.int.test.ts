import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { submitApplication } from '../../../test/support/ledger.js';
import { api } from '../../../test/support/cases.js';
import { commitmentOf, leafEntry, type LedgerRecord } from './index.js';

// Who opens which entries (docs/ledger.md, "Openings"): the supervision office any entry by
// its index; the applicant, the departments with a task and supervision an application's.

interface Opened {
  record: LedgerRecord & { purpose: string; type: string };
  salt: string;
}
interface OpenedEntry {
  index: number;
  entry: string;
  leafHash: string;
  record: { commitment: string; kind: string; time: string };
  opened: Opened;
}
interface ApplicationLedger {
  receiptNo: string;
  entries: OpenedEntry[];
  pending: unknown[];
}
interface ErrorBody {
  error: { code: string; message: string; requestId: string };
}

let app: TestApp;
let submitted: Awaited<ReturnType<typeof submitApplication>>;
/** The application's entries as its applicant (citizen1) opens them. */
let applicantView: ApplicationLedger;

beforeAll(async () => {
  app = await createTestApp();
  const citizen = await app.login('citizen1');
  submitted = await submitApplication(app, citizen);
  expect(submitted.tasks.length).toBeGreaterThan(0);
  await app.services.ledger.checkpoint({ force: true });
  const res = await api<ApplicationLedger>(
    app,
    citizen,
    'GET',
    `/api/v1/applications/${submitted.id}/ledger`,
  );
  expect(res.status).toBe(200);
  applicantView = res.body;
  expect(applicantView.entries.length).toBeGreaterThan(0);
  expect(applicantView.pending).toEqual([]);
});
afterAll(async () => app.cleanup());

/** Checks the one error body of STYLE.md, and that it opens nothing. */
function expectRefusal(body: unknown, code: string) {
  const { error } = body as ErrorBody;
  expect(Object.keys(body as object)).toEqual(['error']);
  expect(Object.keys(error).sort()).toEqual(['code', 'message', 'requestId']);
  expect(error.code).toBe(code);
  expect(typeof error.message === 'string' && error.message.length > 0).toBe(true);
  expect(typeof error.requestId === 'string' && error.requestId.length > 0).toBe(true);
  expect(JSON.stringify(body)).not.toContain('salt');
}

/** The public leaf of entry `index`, as anyone reads it. */
async function publicEntry(index: number) {
  const res = await api<{ entry: string; leafHash: string }>(
    app,
    null,
    'GET',
    `/api/v1/ledger/entries/${index}`,
  );
  expect(res.status).toBe(200);
  return res.body;
}

describe('GET /api/v1/ledger/entries/:index/opened', () => {
  it('gives the supervision office the record and salt, which open the public leaf', async () => {
    const supervisor = await app.login('supervisor1');
    for (const mine of applicantView.entries) {
      const res = await api<OpenedEntry>(
        app,
        supervisor,
        'GET',
        `/api/v1/ledger/entries/${mine.index}/opened`,
      );
      expect(res.status).toBe(200);
      const { opened } = res.body;
      // The same opening the applicant holds, of the same public leaf.
      expect(opened).toEqual(mine.opened);
      expect(opened.record.purpose).toBe(submitted.receiptNo);
      const leaf = await publicEntry(mine.index);
      expect(res.body.entry).toBe(leaf.entry);
      expect(Buffer.from(leaf.entry, 'base64').toString('utf8')).toBe(leafEntry(opened));
      expect(res.body.record.commitment).toBe(commitmentOf(opened.record, opened.salt));
      // The platform confirms the opening against the leaf it serves to everyone.
      const check = await api<{ index: number; opens: boolean; leafHash: string }>(
        app,
        null,
        'POST',
        `/api/v1/ledger/entries/${mine.index}/opening`,
        opened,
      );
      expect(check.status).toBe(200);
      expect(check.body).toEqual({ index: mine.index, opens: true, leafHash: leaf.leafHash });
    }
    // Supervision also reads the application's entries as a whole.
    const whole = await api<ApplicationLedger>(
      app,
      supervisor,
      'GET',
      `/api/v1/applications/${submitted.id}/ledger`,
    );
    expect(whole.status).toBe(200);
    expect(whole.body.entries.map((e) => e.opened)).toEqual(
      applicantView.entries.map((e) => e.opened),
    );
  });

  it('refuses a citizen the application is not about and a window clerk with 403 and the error body', async () => {
    const index = applicantView.entries[0]!.index;
    for (const user of ['citizen2', 'clerk1']) {
      const token = await app.login(user);
      for (const language of ['zh-CN', 'en']) {
        const res = await api<ErrorBody>(
          app,
          token,
          'GET',
          `/api/v1/ledger/entries/${index}/opened`,
          undefined,
          { 'accept-language': language },
        );
        expect(res.status, `${user} ${language}`).toBe(403);
        expectRefusal(res.body, 'AUTH_FORBIDDEN');
        if (language === 'en') expect(res.body.error.message).toMatch(/^[\x20-\x7e]+$/);
        else expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/u);
      }
    }
    const anonymous = await api<ErrorBody>(
      app,
      null,
      'GET',
      `/api/v1/ledger/entries/${index}/opened`,
    );
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.body)).not.toContain('salt');
  });
});

describe('GET /api/v1/applications/:id/ledger', () => {
  it('opens the application’s entries to a reviewer of a department with a task on it', async () => {
    const reviewer = await app.login(`reviewer.${submitted.tasks[0]!.department}`);
    const res = await api<ApplicationLedger>(
      app,
      reviewer,
      'GET',
      `/api/v1/applications/${submitted.id}/ledger`,
    );
    expect(res.status).toBe(200);
    expect(res.body.receiptNo).toBe(submitted.receiptNo);
    expect(res.body.entries.map((e) => e.index)).toEqual(applicantView.entries.map((e) => e.index));
    for (const e of res.body.entries) {
      expect(e.opened.record.purpose).toBe(submitted.receiptNo);
      const check = await api<{ opens: boolean; leafHash: string }>(
        app,
        null,
        'POST',
        `/api/v1/ledger/entries/${e.index}/opening`,
        e.opened,
      );
      expect(check.status).toBe(200);
      expect(check.body).toMatchObject({ opens: true, leafHash: e.leafHash });
    }
  });

  it('refuses a reviewer of a department without a task on it, as if the application did not exist', async () => {
    const concerned = new Set(submitted.tasks.map((t) => t.department));
    const reviewers = await app.db
      .selectFrom('accounts')
      .select('username')
      .where('username', 'like', 'reviewer.%')
      .orderBy('username')
      .execute();
    const other = reviewers
      .map((r) => r.username)
      .find((u) => !concerned.has(u.slice('reviewer.'.length)));
    expect(other).toBeDefined();
    const res = await api<ErrorBody>(
      app,
      await app.login(other!),
      'GET',
      `/api/v1/applications/${submitted.id}/ledger`,
    );
    expect(res.status).toBe(404);
    expectRefusal(res.body, 'CASE_NOT_FOUND');
    expect(JSON.stringify(res.body)).not.toContain(submitted.receiptNo);
  });
});
