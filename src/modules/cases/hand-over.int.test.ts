import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApplicationView,
  BundleGuide,
  ErrorBody,
  HandOverSearch,
} from '../../../shared/contracts/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import {
  api,
  guideOf,
  satisfyMaterials,
  uploadFor,
  approveAll,
} from '../../../test/support/cases.js';

const MORNING = '2026-12-01T02:00:00Z';
// citizen2 of the demo (李娜) applies online and also at clerk1's window; 张伟 walks in there.
const LI_NA = { name: '李娜', idNumber: '33040220000229002X', masked: '330402********002X' };
const ZHANG_WEI = { name: '张伟', idNumber: '330681199003071233', masked: '330681********1233' };

let app: TestApp;
let citizen2: string;
let clerk1: string;
let clerk2: string;
let legalAid: BundleGuide;
let online: ApplicationView;
let intake: ApplicationView;
let running: ApplicationView;
const walkIns: ApplicationView[] = [];

const view = async (id: string, token: string) =>
  api<ApplicationView>(app, token, 'GET', `/api/v1/applications/${id}`);
const find = (token: string, query: Record<string, string | number>) =>
  api<HandOverSearch & ErrorBody>(
    app,
    token,
    'GET',
    `/api/v1/hand-overs?${new URLSearchParams(
      Object.entries(query).map(([k, v]) => [k, String(v)]),
    ).toString()}`,
  );

const complete = (start: ApplicationView) => approveAll(app, start);

/** clerk1 takes in a legal-aid application (市司法局, one step) for a walk-in. */
async function takeIn(
  applicant: { idNumber: string; name?: string },
  extra: Record<string, unknown> = {},
) {
  const material = legalAid.materials.find((m) => m.id === 'case-materials')!;
  return api<ApplicationView & ErrorBody>(app, clerk1, 'POST', '/api/v1/applications', {
    matter: 'judicial-legal-aid',
    form: legalAid.form.examples[0],
    materials: [
      { material: 'case-materials', fileId: await uploadFor(app, clerk1, material) },
      { material: 'financial-hardship-declaration', commitment: {} },
    ],
    applicant,
    channel: 'window',
    ...extra,
  });
}

beforeAll(async () => {
  app = await createTestApp({ at: MORNING });
  citizen2 = await app.login('citizen2');
  clerk1 = await app.login('clerk1');
  clerk2 = await app.login('clerk2');
  legalAid = await guideOf(app, 'matter', 'judicial-legal-aid');

  // Online: 李娜 applies for a company start-up herself.
  const startup = await guideOf(app, 'bundle', 'enterprise-startup');
  const submitted = await api<ApplicationView>(app, citizen2, 'POST', '/api/v1/applications', {
    bundle: 'enterprise-startup',
    form: startup.form.examples[0],
    materials: await satisfyMaterials(app, citizen2, startup),
    consent: { fetch: true },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  app.clock.advance(60_000);
  online = await complete(submitted.body);

  // At clerk1's window: 张伟's legal aid, completed; and another still running.
  const taken = await takeIn({ idNumber: ZHANG_WEI.idNumber }, { originals: ['case-materials'] });
  expect(taken.status, JSON.stringify(taken.body)).toBe(201);
  expect(taken.body.status).toBe('accepted');
  app.clock.advance(60_000);
  intake = await complete(taken.body);
  const open = await takeIn({ idNumber: ZHANG_WEI.idNumber });
  expect(open.status, JSON.stringify(open.body)).toBe(201);
  running = open.body;

  // Three more completed applications of 李娜, at the window, a minute apart, for paging.
  for (let i = 0; i < 3; i++) {
    const res = await takeIn({ idNumber: LI_NA.idNumber });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    app.clock.advance(60_000);
    walkIns.push(await complete(res.body));
  }
}, 120_000);
afterAll(async () => app.cleanup());

describe('统一出件: one window for every result', () => {
  it('lets clerk2 find an online application by receipt, name and ID number, masked', async () => {
    for (const q of [
      online.receiptNo,
      online.receiptNo.toLowerCase(),
      LI_NA.name,
      LI_NA.idNumber,
    ]) {
      const res = await find(clerk2, { q });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const hit = res.body.items.find((i) => i.id === online.id);
      expect(hit, q).toMatchObject({
        receiptNo: online.receiptNo,
        channel: 'online',
        applicant: { name: LI_NA.name, maskedIdNumber: LI_NA.masked },
        handedOver: null,
      });
      expect(JSON.stringify(res.body)).not.toContain(LI_NA.idNumber);
    }
    expect((await find(clerk2, { q: LI_NA.idNumber })).body.match).toBe('id-number');
    expect((await find(clerk2, { q: online.receiptNo })).body.match).toBe('receipt');
  });

  it('finds clerk1’s intake for clerk2 and lets clerk2 open it, print its slip and hand it over', async () => {
    const res = await find(clerk2, { q: ZHANG_WEI.idNumber });
    expect(res.body.items.map((i) => i.receiptNo)).toEqual([intake.receiptNo]);
    expect(res.body.items[0]?.applicant.maskedIdNumber).toBe(ZHANG_WEI.masked);

    expect((await view(intake.id, clerk2)).status).toBe(200);
    const slip = await app.server.inject({
      method: 'GET',
      url: `/api/v1/applications/${intake.id}/hand-over.pdf`,
      headers: { authorization: `Bearer ${clerk2}` },
    });
    expect(slip.statusCode).toBe(200);
    expect(slip.headers['content-type']).toContain('application/pdf');

    const handed = await api<ApplicationView>(
      app,
      clerk2,
      'POST',
      `/api/v1/applications/${intake.id}/hand-over`,
      { note: '张伟本人领取' },
    );
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    const action = handed.body.actions.find((a) => a.type === 'handed-over');
    expect(action).toMatchObject({ channel: 'window', data: { note: '张伟本人领取' } });

    // Gone from the pending list, listed as handed over by 黄磊.
    expect((await find(clerk2, { q: ZHANG_WEI.name })).body.items.map((i) => i.id)).not.toContain(
      intake.id,
    );
    const done = await find(clerk2, { q: ZHANG_WEI.name, state: 'handed-over' });
    expect(done.body.items).toHaveLength(1);
    expect(done.body.items[0]).toMatchObject({
      id: intake.id,
      handedOver: { byName: '黄磊（综合窗口）', note: '张伟本人领取' },
    });
    const twice = await api<ErrorBody>(
      app,
      clerk1,
      'POST',
      `/api/v1/applications/${intake.id}/hand-over`,
      {},
    );
    expect(twice.status).toBe(409);
  });

  it('hands over an online application at the window too', async () => {
    const res = await api<ApplicationView>(
      app,
      clerk2,
      'POST',
      `/api/v1/applications/${online.id}/hand-over`,
      {},
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.actions.at(-1)?.type).toBe('handed-over');
    const all = await find(clerk2, { q: online.receiptNo, state: 'all' });
    expect(all.body.items[0]?.handedOver?.byName).toBe('黄磊（综合窗口）');
  });

  it('pages through online and window results together, newest completed first, with the total', async () => {
    const first = await find(clerk2, { q: LI_NA.name, state: 'all', pageSize: 3 });
    expect(first.body).toMatchObject({ total: 4, page: 1, pageSize: 3, hasMore: true });
    const second = await find(clerk2, { q: LI_NA.idNumber, state: 'all', pageSize: 3, page: 2 });
    expect(second.body).toMatchObject({ total: 4, page: 2, hasMore: false });
    const order = [...first.body.items, ...second.body.items].map((i) => i.receiptNo);
    expect(order).toEqual([...walkIns.map((w) => w.receiptNo).reverse(), online.receiptNo]);
    expect(first.body.items.map((i) => i.channel)).toEqual(['window', 'window', 'window']);
    expect(second.body.items[0]?.channel).toBe('online');
    // The one handed over (the online one) is left out of the pending list.
    expect((await find(clerk2, { q: LI_NA.name })).body.total).toBe(3);
  });

  it('does not show or open another clerk’s running application', async () => {
    expect((await find(clerk2, { q: running.receiptNo, state: 'all' })).body.total).toBe(0);
    expect((await view(running.id, clerk2)).status).toBe(404);
    const pdf = await app.server.inject({
      method: 'GET',
      url: `/api/v1/applications/${running.id}/receipt.pdf`,
      headers: { authorization: `Bearer ${clerk2}` },
    });
    expect(pdf.statusCode).toBe(404);
    const handOver = await api<ErrorBody>(
      app,
      clerk2,
      'POST',
      `/api/v1/applications/${running.id}/hand-over`,
      {},
    );
    expect(handOver.status).toBe(404);
    // Its own clerk still sees it, and is told it is not complete yet.
    expect((await view(running.id, clerk1)).status).toBe(200);
    const early = await api<ErrorBody>(
      app,
      clerk1,
      'POST',
      `/api/v1/applications/${running.id}/hand-over`,
      {},
    );
    expect(early.status).toBe(409);
  });

  it('refuses the search to reviewers and citizens (403) and to visitors (401)', async () => {
    for (const token of [await app.login('reviewer.judicial'), citizen2]) {
      const res = await find(token, { q: online.receiptNo });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('CASE_FORBIDDEN');
    }
    expect((await find('', { q: online.receiptNo })).status).toBe(401);
    const res = await api<ErrorBody>(
      app,
      citizen2,
      'POST',
      `/api/v1/applications/${walkIns[0]!.id}/hand-over`,
      {},
    );
    expect(res.status).toBe(403);
  });

  it('asks for a real query instead of listing the county (400, both languages)', async () => {
    for (const q of ['', ' ', '李', '330402', 'YCB2026', '330402200002290021']) {
      const res = await find(clerk2, { q });
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toMatch(/^CASE_HAND_OVER_/);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const en = await api<ErrorBody>(app, clerk2, 'GET', '/api/v1/hand-overs?q=', undefined, {
      'accept-language': 'en',
    });
    expect(en.status).toBe(400);
    expect(en.body.error.message).toMatch(/receipt number/);
    expect((await find(clerk2, { q: '无此人' })).body).toMatchObject({ total: 0, items: [] });
    // A whole credit code is a number too (company1's company has nothing completed yet).
    expect((await find(clerk2, { q: '91330402MA2CXK7T89' })).body).toMatchObject({
      match: 'credit-code',
      total: 0,
    });
  });

  it('records the persons a search showed as looked up, as the applicant look-up does', async () => {
    const before = await app.services.ledger.entriesFor('hand-over');
    const count = before.entries.length + before.pending.length;
    await find(clerk2, { q: LI_NA.idNumber, state: 'all' });
    const after = await app.services.ledger.entriesFor('hand-over');
    const records = [
      ...after.entries.map((e) => e.opened.record),
      ...after.pending.map((p) => p.opened.record),
    ];
    expect(records.length).toBe(count + 1);
    // A read of personal data like any other: in the ledger and in her access log.
    expect(records.at(-1)).toMatchObject({ action: 'data.accessed', purpose: 'hand-over' });
  });

  it('finds an overseas service point’s completed application for clerk2 and hands it over', async () => {
    // 王建军 works abroad: clerk1 takes his application at an overseas service point (海外服务点).
    const wang = { name: '王建军', idNumber: '330681198503122418', masked: '330681********2418' };
    const code = app.services.catalog
      .searchMatters({})
      .find((m) => m.channels.includes('overseas') && m.applicantTypes.includes('person'))!.code;
    const guide = await guideOf(app, 'matter', code);
    const res = await api<ApplicationView>(app, clerk1, 'POST', '/api/v1/applications', {
      matter: code,
      form: guide.form.examples[0],
      materials: await satisfyMaterials(app, clerk1, guide),
      applicant: { idNumber: wang.idNumber, name: wang.name },
      channel: 'overseas',
      remoteVerification: { method: 'video', reference: 'MILAN-2026-0007' },
      eSignature: { signer: wang.name, signatureId: 'ES-9031' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ channel: 'overseas', status: 'accepted' });
    app.clock.advance(60_000);
    const done = await complete(res.body);

    for (const q of [done.receiptNo, wang.idNumber]) {
      const found = await find(clerk2, { q });
      expect(found.status, JSON.stringify(found.body)).toBe(200);
      expect(
        found.body.items.map((i) => i.id),
        q,
      ).toEqual([done.id]);
      expect(found.body.items[0]).toMatchObject({
        channel: 'overseas',
        applicant: { name: wang.name, maskedIdNumber: wang.masked },
        handedOver: null,
      });
    }
    const handed = await api<ApplicationView>(
      app,
      clerk2,
      'POST',
      `/api/v1/applications/${done.id}/hand-over`,
      { note: '王建军委托其弟代领' },
    );
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect(handed.body.actions.find((a) => a.type === 'handed-over')).toMatchObject({
      channel: 'window',
      data: { note: '王建军委托其弟代领' },
    });
    expect((await find(clerk2, { q: wang.idNumber })).body.total).toBe(0);
    const listed = await find(clerk2, { q: wang.idNumber, state: 'handed-over' });
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: done.id,
        channel: 'overseas',
        handedOver: expect.objectContaining({ byName: '黄磊（综合窗口）' }) as unknown,
      }),
    ]);
  });
});

describe('原件核验: originals presented at intake', () => {
  it('records which material, which clerk and when, in the view, the history and its table', async () => {
    const seen = (await view(intake.id, clerk1)).body;
    expect(seen.originals).toEqual([
      {
        material: 'case-materials',
        name: { zh: '与所申请法律援助事项有关的材料', en: 'Documents on the legal matter' },
        clerk: { account: expect.any(String) as string, name: '陈敏（综合窗口）' },
        at: expect.stringMatching(/^2026-12-01T\d{2}:\d{2}:\d{2}(\.\d+)?\+08:00$/) as string,
      },
    ]);
    const action = seen.actions.find((a) => a.type === 'originals-verified');
    expect(action).toMatchObject({ actorRole: 'clerk', data: { materials: ['case-materials'] } });
    expect(action?.actor).toBe(seen.originals[0]?.clerk.account);
    const rows = await app.db
      .selectFrom('application_originals')
      .selectAll()
      .where('application_id', '=', intake.id)
      .execute();
    expect(rows).toEqual([
      expect.objectContaining({
        material_id: 'case-materials',
        clerk_account: action?.actor,
        clerk_name: '陈敏（综合窗口）',
      }),
    ]);
    // An intake without originals checked records none.
    expect((await view(running.id, clerk1)).body.originals).toEqual([]);
  });

  it('prints the checked original on the acceptance receipt', async () => {
    const taken = await takeIn({ idNumber: ZHANG_WEI.idNumber }, { originals: ['case-materials'] });
    expect(taken.status).toBe(201);
    const receiptOf = async (id: string) => {
      const pdf = await app.server.inject({
        method: 'GET',
        url: `/api/v1/applications/${id}/receipt.pdf`,
        headers: { authorization: `Bearer ${clerk1}` },
      });
      expect(pdf.statusCode).toBe(200);
      const out = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf.rawPayload });
      return out.stdout.toString().replace(/\s+/g, '');
    };
    expect(await receiptOf(taken.body.id)).toContain('已提交（电子材料）；已核验原件');
    expect(await receiptOf(running.id)).not.toContain('已核验原件');
  });

  it('refuses a material the matter does not have (422) and originals outside the window', async () => {
    const mine = async () =>
      (await api<{ items: unknown[] }>(app, clerk1, 'GET', '/api/v1/applications?limit=200')).body
        .items.length;
    const before = await mine();
    const res = await takeIn({ idNumber: ZHANG_WEI.idNumber }, { originals: ['passport'] });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'CASE_UNKNOWN_ORIGINAL',
      details: { issues: [{ path: 'originals.0', code: 'unknown_material' }] },
    });
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await mine()).toBe(before);

    const startup = await guideOf(app, 'bundle', 'enterprise-startup');
    const self = await api<ErrorBody>(app, citizen2, 'POST', '/api/v1/applications', {
      bundle: 'enterprise-startup',
      form: startup.form.examples[0],
      materials: await satisfyMaterials(app, citizen2, startup),
      originals: [startup.materials[0]!.id],
    });
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe('CASE_ORIGINALS_NOT_ALLOWED');
  });
});
