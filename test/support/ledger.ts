import type { FetchFn } from '../../src/modules/ledger/index.js';
import type { TestApp } from './test-app.js';

/** A fetch over `app.server.inject`, so the witness and audit HTTP clients run against a test app. */
export function injectFetch(app: TestApp): FetchFn {
  return async (url, init) => {
    const u = new URL(url);
    const res = await app.server.inject({
      method: (init?.method ?? 'GET') as 'GET' | 'POST',
      url: `${u.pathname}${u.search}`,
      headers: init?.headers,
      payload: init?.body,
    });
    return {
      ok: res.statusCode >= 200 && res.statusCode < 300,
      status: res.statusCode,
      text: async () => res.body,
    };
  };
}

interface Guide {
  code: string;
  applicantTypes: string[];
  steps: { department: string }[];
  form: { examples?: Record<string, unknown>[] };
  materials: { essential: boolean; satisfiedBy: string[] }[];
}

// Matters a resident can apply for with nothing to upload (the data hub supplies every
// essential material). The catalog is still growing, so fall back to searching it.
const PREFERRED = ['psb-no-criminal-record', 'exit-entry-record-query', 'pbc-credit-report'];

async function guide(app: TestApp, code: string): Promise<Guide | undefined> {
  const res = await app.server.inject({ url: `/api/v1/catalog/matters/${code}` });
  if (res.statusCode !== 200) return undefined;
  const g = res.json<Guide>();
  const easy =
    g.applicantTypes.includes('person') &&
    g.form.examples?.[0] !== undefined &&
    g.materials.every((m) => !m.essential || m.satisfiedBy.includes('datahub'));
  return easy ? g : undefined;
}

let chosen: Guide | undefined;

/** A matter a demo resident can apply for without uploads, from the real catalog. */
export async function easyMatter(app: TestApp): Promise<Guide> {
  if (chosen) return chosen;
  for (const code of PREFERRED) {
    chosen = await guide(app, code);
    if (chosen) return chosen;
  }
  const list = (await app.server.inject({ url: '/api/v1/catalog/matters' })).json<{
    items: { code: string }[];
  }>();
  for (const { code } of list.items) {
    chosen = await guide(app, code);
    if (chosen) return chosen;
  }
  throw new Error('the catalog has no matter a resident can apply for without uploads');
}

/** Submits a real application over HTTP as `token`; returns its id, receipt number and tasks. */
export async function submitApplication(app: TestApp, token: string) {
  const g = await easyMatter(app);
  const res = await app.server.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: { authorization: `Bearer ${token}` },
    // 授权调取: the data hub supplies every essential material of the matter.
    payload: {
      matter: g.code,
      form: g.form.examples?.[0] ?? {},
      materials: [],
      consent: { fetch: true },
    },
  });
  if (res.statusCode !== 201) throw new Error(`submit failed: ${res.statusCode} ${res.body}`);
  return res.json<{
    id: string;
    receiptNo: string;
    status: string;
    tasks: { id: string; department: string }[];
  }>();
}

/** A reviewer of the task's department claims it and approves it over HTTP. */
export async function approveTask(
  app: TestApp,
  task: { id: string; department: string },
): Promise<void> {
  const token = await app.login(`reviewer.${task.department}`);
  const headers = { authorization: `Bearer ${token}` };
  const claim = await app.server.inject({
    method: 'POST',
    url: `/api/v1/tasks/${task.id}/claim`,
    headers,
  });
  if (claim.statusCode >= 300) throw new Error(`claim failed: ${claim.statusCode} ${claim.body}`);
  const decide = await app.server.inject({
    method: 'POST',
    url: `/api/v1/tasks/${task.id}/decision`,
    headers,
    payload: { decision: 'approve', comment: 'ok' },
  });
  if (decide.statusCode >= 300)
    throw new Error(`decision failed: ${decide.statusCode} ${decide.body}`);
}

/** Appends `count` test entries to the ledger in one transaction (more than a tile: 256). */
export async function appendBulk(app: TestApp, count: number): Promise<void> {
  await app.db.transaction().execute(async (tx) => {
    for (let i = 0; i < count; i++) {
      await app.services.ledger.append(tx, {
        type: 'test',
        action: 'test.bulk',
        actor: 'system',
        purpose: `BULK-${i}`,
        subjectIdNumber: null,
        data: { i },
        at: app.clock.now(),
      });
    }
  });
}
