import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView, BundleGuide } from '../../../shared/contracts/index.js';
import { buildIdNumber } from '../identity/index.js';
import { findItem } from './index.js';
import { verifyInclusion } from '../ledger/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, guideOf } from '../../../test/support/cases.js';

const FATHER = '330681199003071233'; // citizen1 张伟
const MOTHER = '33040220000229002X'; // citizen2 李娜

interface Access {
  id: string;
  channel: string;
  departments: { code: string }[];
  actorRole: string;
  purpose: string;
  items: { source: string; item: string; fields: string[] }[];
  ledger: {
    sequenced: boolean;
    proof: {
      index: number;
      treeSize: number;
      leafHash: string;
      hashes: string[];
      root: string;
    } | null;
  };
}

let app: TestApp;
let father: string;
let mother: string;
let newborn: ApplicationView;
let guide: BundleGuide;

beforeAll(async () => {
  app = await createTestApp();
  father = await app.login('citizen1');
  mother = await app.login('citizen2');
  guide = await guideOf(app, 'bundle', 'newborn');
});
afterAll(async () => app.cleanup());

const form = (over: Record<string, unknown> = {}) => ({
  ...guide.form.examples[0],
  childName: '张小宇',
  fatherIdNumber: FATHER,
  motherIdNumber: MOTHER,
  registerWith: 'father',
  ...over,
});
const accesses = async (token: string) =>
  (await api<{ items: Access[] }>(app, token, 'GET', '/api/v1/me/data-access')).body.items;

describe('newborn bundle (出生一件事) with only the parents’ identity numbers', () => {
  it('fetches every other material from the data hub and records each access in the ledger', async () => {
    const res = await api<ApplicationView>(app, father, 'POST', '/api/v1/applications', {
      bundle: 'newborn',
      form: form(),
      materials: [],
      consent: { fetch: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    newborn = res.body;
    expect(newborn.status).toBe('accepted');
    expect(newborn.notice ?? null).toBeNull();
    expect(newborn.materials.length).toBeGreaterThan(0);
    for (const m of newborn.materials) {
      expect(m.state, m.material).toBe('datahub');
      expect(m.datahub?.accessIds.length, m.material).toBeGreaterThan(0);
    }
    const parents = newborn.materials.find((m) => m.material === 'parents-identity');
    expect(parents?.datahub?.subjects).toEqual(['330681********1233', '330402********002X']);
    const entries = await app.services.ledger.entriesFor(newborn.receiptNo);
    const recorded = entries.pending.filter((e) => e.opened.record.action === 'data.accessed');
    expect(recorded.length).toBe(
      newborn.materials.reduce((n, m) => n + (m.datahub?.accessIds.length ?? 0), 0),
    );
    // No personal data in the leaves: the subject is an HMAC, the data a hash.
    for (const e of recorded) {
      expect(e.entry).not.toContain(FATHER);
      expect(e.entry).not.toContain(MOTHER);
    }
  });

  it('falls back to an upload with a bilingual notice when a source has no record, and keeps the application', async () => {
    const res = await api<ApplicationView>(app, father, 'POST', '/api/v1/applications', {
      bundle: 'newborn',
      form: form({
        motherIdNumber: buildIdNumber({ division: '330402', birthDate: '1995-01-01', sequence: 2 }),
      }),
      materials: [],
      consent: { fetch: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('deficient');
    const items = res.body.notice?.items ?? [];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.reason === 'datahub-unavailable')).toBe(true);
    expect(items[0]?.message.zh).toContain('请上传');
    expect(items[0]?.message.en).toContain('upload');
    expect((await api(app, father, 'GET', `/api/v1/applications/${res.body.id}`)).status).toBe(200);
  });

  it('shows the mother what was read about her, for which application', async () => {
    const list = await accesses(mother);
    const mine = list.filter((a) => a.purpose === newborn.receiptNo);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.channel === 'submission')).toBe(true);
    expect(mine.flatMap((a) => a.items.map((i) => `${i.source}/${i.item}`))).toEqual(
      expect.arrayContaining(['health/delivery-record', 'psb/population-basic']),
    );
  });
});

describe('purpose-bound queries (POST /api/v1/datahub/queries)', () => {
  const household = [{ source: 'psb', item: 'household-register' }];

  it('refuses a query without a purpose', async () => {
    const psb = await app.login('reviewer.psb');
    const res = await api<{ error: { code: string } }>(
      app,
      psb,
      'POST',
      '/api/v1/datahub/queries',
      { subject: FATHER, items: household },
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('DATAHUB_PURPOSE_REQUIRED');
  });

  it('refuses an invalid identity number naming the rule, another department, and undeclared items or fields', async () => {
    const psb = await app.login('reviewer.psb');
    const purpose = { applicationId: newborn.id };
    const bad = await api<{ error: { code: string; details: { issues: { code: string }[] } } }>(
      app,
      psb,
      'POST',
      '/api/v1/datahub/queries',
      {
        subject: '330681199003071234',
        items: household,
        purpose,
      },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues[0]?.code).toBe('checksum');
    const tax = await app.login('reviewer.tax');
    const other = await api<{ error: { code: string } }>(
      app,
      tax,
      'POST',
      '/api/v1/datahub/queries',
      { subject: FATHER, items: household, purpose },
    );
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('DATAHUB_FORBIDDEN');
    const property = await api<{ error: { code: string } }>(
      app,
      psb,
      'POST',
      '/api/v1/datahub/queries',
      {
        subject: FATHER,
        items: [{ source: 'realestate', item: 'property-register' }],
        purpose,
      },
    );
    expect(property.status).toBe(403);
    expect(property.body.error.code).toBe('DATAHUB_FIELD_NOT_DECLARED');
    const field = await api<{ error: { code: string } }>(
      app,
      psb,
      'POST',
      '/api/v1/datahub/queries',
      {
        subject: FATHER,
        items: [{ source: 'psb', item: 'household-register', fields: ['salary'] }],
        purpose,
      },
    );
    expect(field.status).toBe(403);
    expect(field.body.error.code).toBe('DATAHUB_FIELD_NOT_DECLARED');
    const stranger = await api<{ error: { code: string } }>(
      app,
      psb,
      'POST',
      '/api/v1/datahub/queries',
      { subject: '330402198805120024', items: household, purpose },
    );
    expect(stranger.status).toBe(403);
  });

  it("lets a department's own system query by API key, for applications of its department only", async () => {
    const psb = await app.services.identity.createApiKey('psb', 'household system');
    const tax = await app.services.identity.createApiKey('tax', 'tax system');
    const body = {
      subject: MOTHER,
      items: [{ source: 'psb', item: 'population-basic', fields: ['name'] }],
      purpose: { applicationId: newborn.id },
    };
    const ok = await api<{ items: { data: Record<string, unknown> }[] }>(
      app,
      psb.key,
      'POST',
      '/api/v1/datahub/queries',
      body,
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.items[0]?.data).toEqual({ name: '李娜' });
    expect((await api(app, tax.key, 'POST', '/api/v1/datahub/queries', body)).status).toBe(403);
    expect(
      (await accesses(mother)).some((a) => a.actorRole === 'system' && a.channel === 'query'),
    ).toBe(true);
  });

  it('answers queries arriving together, each with its own access in the log and its own ledger entry', async () => {
    const psb = await app.services.identity.createApiKey('psb', 'household system, busy');
    // The data hashes of the ledger's data.accessed entries for the newborn application.
    const readsRecorded = async () => {
      const { entries, pending } = await app.services.ledger.entriesFor(newborn.receiptNo);
      return [...entries, ...pending]
        .filter((e) => e.opened.record.action === 'data.accessed')
        .map((e) => e.opened.record.dataHash);
    };
    const readBefore = await readsRecorded();
    const body = {
      subject: MOTHER,
      items: [{ source: 'psb', item: 'population-basic', fields: ['name'] }],
      purpose: { applicationId: newborn.id },
    };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        api<{ accessId: string; items: { data: Record<string, unknown> }[] }>(
          app,
          psb.key,
          'POST',
          '/api/v1/datahub/queries',
          body,
        ),
      ),
    );
    for (const a of answers) {
      expect(a.status, JSON.stringify(a.body)).toBe(200);
      expect(a.body.items[0]?.data).toEqual({ name: '李娜' });
    }
    const ids = answers.map((a) => a.body.accessId);
    expect(new Set(ids).size).toBe(6);
    const log = (await accesses(mother)).map((a) => a.id);
    for (const id of ids) expect(log).toContain(id);
    const read = await readsRecorded();
    expect(read.length - readBefore.length).toBe(6);
    expect(new Set(read).size).toBe(read.length); // one entry per access, each its own data
  });

  it("puts a reviewer's view of the household data in the parent's access list, with its inclusion proof", async () => {
    const psb = await app.login('reviewer.psb');
    app.clock.advance(1000);
    const res = await api<{
      accessId: string;
      items: { found: boolean; data: Record<string, unknown> }[];
    }>(app, psb, 'POST', '/api/v1/datahub/queries', {
      subject: FATHER,
      items: [
        { source: 'psb', item: 'household-register', fields: ['householdNo', 'head', 'relation'] },
      ],
      purpose: { applicationId: newborn.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      found: true,
      data: { householdNo: '330681012345', head: '张伟' },
    });
    expect(Object.keys(res.body.items[0]!.data)).toEqual(['householdNo', 'head', 'relation']);

    const before = (await accesses(father)).find((a) => a.id === res.body.accessId);
    expect(before).toMatchObject({
      channel: 'query',
      actorRole: 'reviewer',
      departments: [{ code: 'psb' }],
      purpose: newborn.receiptNo,
      ledger: { sequenced: false },
    });
    await app.services.ledger.checkpoint({ force: true });
    const list = await accesses(father);
    expect(list[0]?.id).toBe(res.body.accessId); // newest first
    const seen = list[0]!;
    expect(seen.items.map((i) => ({ source: i.source, item: i.item, fields: i.fields }))).toEqual([
      { source: 'psb', item: 'household-register', fields: ['householdNo', 'head', 'relation'] },
    ]);
    const proof = seen.ledger.proof!;
    expect(seen.ledger.sequenced).toBe(true);
    const b64 = (s: string) => Buffer.from(s, 'base64');
    expect(() =>
      verifyInclusion(
        proof.index,
        proof.treeSize,
        b64(proof.leafHash),
        proof.hashes.map(b64),
        b64(proof.root),
      ),
    ).not.toThrow();
    const checkpoint = await app.services.ledger.latestCheckpoint();
    expect(checkpoint.root.toString('base64')).toBe(proof.root);
  });
});

describe('preview, contests and corrections', () => {
  it('previews what the newborn bundle will fetch about me, masked, and records it as my own access', async () => {
    app.clock.advance(1000);
    const res = await api<{
      subject: string;
      items: { material: string; status: string; data: Record<string, unknown> | null }[];
    }>(app, father, 'POST', '/api/v1/datahub/preview', { bundle: 'newborn' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.subject).toBe('330681********1233');
    const household = res.body.items.find((i) => i.material === 'household-register');
    expect(household?.status).toBe('found');
    expect(household?.data?.householdNo).toBe('330681012345');
    expect(String(household?.data?.address)).toContain('*');
    expect(JSON.stringify(res.body)).not.toContain(FATHER);
    expect((await accesses(father))[0]).toMatchObject({
      channel: 'preview',
      actorRole: 'self',
      departments: [],
    });
  });

  it('turns a contest into a task of the supervision office and a correction into one of the source department', async () => {
    const access = (await accesses(father)).find((a) => a.channel === 'query')!;
    const contest = await api<{ id: string; department: string }>(
      app,
      father,
      'POST',
      `/api/v1/me/data-access/${access.id}/contest`,
      { reason: '我没有办理过需要户籍信息的业务' },
    );
    expect(contest.status, JSON.stringify(contest.body)).toBe(201);
    expect(contest.body.department).toBe('supervision');
    const supervisor = await app.login('supervisor1');
    const tasks = await api<{ items: { id: string; kind: string }[] }>(
      app,
      supervisor,
      'GET',
      '/api/v1/datahub/requests',
    );
    expect(tasks.body.items.map((t) => t.id)).toContain(contest.body.id);
    expect(
      (
        await api(app, mother, 'POST', `/api/v1/me/data-access/${access.id}/contest`, {
          reason: 'x',
        })
      ).status,
    ).toBe(404);

    const fix = await api<{ id: string }>(app, father, 'POST', '/api/v1/me/data-corrections', {
      source: 'psb',
      item: 'population-basic',
      field: 'address',
      proposed: '浙江省诸暨市暨阳街道艮塔西路 18 号 2 单元',
      reason: '门牌号不完整',
    });
    expect(fix.status).toBe(201);
    const psb = await app.login('reviewer.psb');
    const psbTasks = await api<{ items: { id: string; kind: string }[] }>(
      app,
      psb,
      'GET',
      '/api/v1/datahub/requests',
    );
    expect(psbTasks.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: fix.body.id, kind: 'correction' })]),
    );
  });
});

describe('无证明: materials no longer asked for', () => {
  it('counts, per matter and overall, the materials the data hub satisfies, as the seed YAML says', async () => {
    // The expectation is computed from the YAML itself, not from the loaded catalog.
    const dir = path.join(process.cwd(), 'catalog');
    const files = ['materials', 'matters'].flatMap((d) =>
      fs.readdirSync(path.join(dir, d)).map((f) => path.join(dir, d, f)),
    );
    const docs = files.map(
      (f) =>
        parse(fs.readFileSync(f, 'utf8')) as {
          materials?: { id: string; satisfiedBy: Record<string, unknown> }[];
          matters?: {
            code: string;
            materials?: (string | { id: string; satisfiedBy?: string[] })[];
          }[];
        },
    );
    const ways = new Map<string, string[]>();
    // Nothing counts as fetched that is not: a material of a source the hub does not connect is asked.
    const connected = new Set<string>();
    for (const d of docs)
      for (const m of d.materials ?? []) {
        ways.set(m.id, Object.keys(m.satisfiedBy));
        const hub = m.satisfiedBy.datahub as { source: string; item: string } | undefined;
        if (hub && findItem(hub.source, hub.item)) connected.add(m.id);
      }
    const expected = new Map<string, number>();
    for (const d of docs) {
      for (const matter of d.matters ?? []) {
        const n = (matter.materials ?? []).filter((ref) => {
          const id = typeof ref === 'string' ? ref : ref.id;
          const by =
            typeof ref === 'string' ? ways.get(ref) : (ref.satisfiedBy ?? ways.get(ref.id));
          return (by ?? []).includes('datahub') && connected.has(id);
        }).length;
        expected.set(matter.code, n);
      }
    }
    const res = await api<{
      matters: { code: string; byDatahub: number; byBundle: number; noLongerAsked: number }[];
      bundles: { code: string; byBundle: number }[];
      overall: { matters: { byDatahub: number; noLongerAsked: number } };
    }>(app, null, 'GET', '/api/v1/catalog/no-proof-stats');
    expect(res.status).toBe(200);
    expect(new Map(res.body.matters.map((m) => [m.code, m.byDatahub]))).toEqual(expected);
    expect(res.body.matters.every((m) => m.byBundle === 0 && m.noLongerAsked === m.byDatahub)).toBe(
      true,
    );
    expect(res.body.overall.matters.byDatahub).toBe(
      [...expected.values()].reduce((a, b) => a + b, 0),
    );
    // The newborn bundle produces the birth certificate itself (its `provided`).
    expect(res.body.bundles.find((b) => b.code === 'newborn')?.byBundle).toBe(
      guide.provided.length,
    );
  });
});

describe("a death's matters: what the deceased left is looked up under the deceased", () => {
  // 张建国 (330681196305182138), 张伟's father, died on 20 November 2026 (the demo sources).
  const DECEASED_MASKED = '330681********2138';
  it.each([
    ['notary-inheritance', 'property-certificate'],
    ['hpf-death-withdrawal', 'provident-fund-account'],
  ])('%s reads %s of the deceased, not of the heir', async (code, material) => {
    const matter = await guideOf(app, 'matter', code);
    app.clock.advance(1000);
    const res = await api<ApplicationView>(app, father, 'POST', '/api/v1/applications', {
      matter: code,
      form: matter.form.examples[0],
      materials: [],
      consent: { fetch: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const m = res.body.materials.find((x) => x.material === material);
    expect(m?.state).toBe('datahub');
    expect(m?.datahub?.subjects).toEqual([DECEASED_MASKED]);
  });
});
