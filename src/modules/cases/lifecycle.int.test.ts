import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApplicationView,
  BundleGuide,
  MatterGuide,
  TaskView,
} from '../../../shared/contracts/index.js';
import { signDelivery } from '../webhooks/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, guideOf, satisfyMaterials } from '../../../test/support/cases.js';

const MORNING = '2026-12-01T02:00:00Z';
let app: TestApp;
let citizen: string;
beforeAll(async () => {
  app = await createTestApp({ at: MORNING });
  citizen = await app.login('citizen1');
});
afterAll(async () => app.cleanup());

const submit = (token: string, body: Record<string, unknown>) =>
  api<ApplicationView>(app, token, 'POST', '/api/v1/applications', body);
const view = async (id: string, token = citizen) =>
  (await api<ApplicationView>(app, token, 'GET', `/api/v1/applications/${id}`)).body;
const decide = async (task: TaskView, body: Record<string, unknown>) =>
  api(
    app,
    await app.login(`reviewer.${task.department}`),
    'POST',
    `/api/v1/tasks/${task.id}/decision`,
    body,
  );

async function startup(token = citizen): Promise<{ app: ApplicationView; guide: BundleGuide }> {
  const guide = await guideOf(app, 'bundle', 'enterprise-startup');
  const res = await submit(token, {
    bundle: 'enterprise-startup',
    form: guide.form.examples[0],
    materials: await satisfyMaterials(app, token, guide),
    consent: { fetch: true },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { app: res.body, guide };
}

/** The matter guides of the seed catalog. */
async function matters(): Promise<MatterGuide[]> {
  const list = await api<{ items: { code: string }[] }>(
    app,
    null,
    'GET',
    '/api/v1/catalog/matters',
  );
  return Promise.all(
    list.body.items.map(
      async (m) =>
        (await api<MatterGuide>(app, null, 'GET', `/api/v1/catalog/matters/${m.code}`)).body,
    ),
  );
}

describe('容缺受理: accept with a missing non-essential material against a commitment', () => {
  it('accepts, records the commitment, and raises a follow-up when it falls due unmet', async () => {
    const all = await matters();
    const matter = all.find(
      (m) =>
        m.applicantTypes.includes('person') &&
        m.materials.some((x) => x.allowMissing && !x.essential),
    );
    expect(matter, 'the seed catalog has a matter allowing 容缺').toBeDefined();
    const missing = matter!.materials.find((x) => x.allowMissing && !x.essential)!;
    const materials = await satisfyMaterials(app, citizen, matter!, [missing.id]);
    materials.push({ material: missing.id, commitment: { dueDate: '2026-12-04' } });
    const res = await submit(citizen, {
      matter: matter!.code,
      form: matter!.form.examples[0],
      materials,
      consent: { fetch: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('accepted');
    expect(res.body.materials.find((m) => m.material === missing.id)).toMatchObject({
      state: 'committed',
      commitmentDue: '2026-12-04',
    });
    expect(res.body.followUps).toMatchObject([
      { kind: 'commitment', status: 'open', material: missing.id },
    ]);
    app.clock.set('2026-12-05T02:00:00Z');
    const report = await app.services.watch.tick();
    expect(report.commitmentsRaised).toBeGreaterThanOrEqual(1);
    const after = await view(res.body.id);
    expect(after.followUps[0]?.status).toBe('raised');
    expect(after.actions.map((a) => a.type)).toContain('commitment-overdue');
    app.clock.set(MORNING);
  });

  it('refuses a commitment for an essential material and says so in the notice', async () => {
    const { guide } = await startup();
    const essential = guide.materials.find(
      (m) =>
        m.essential && !m.satisfiedBy.includes('commitment') && !m.satisfiedBy.includes('datahub'),
    )!;
    const materials = (await satisfyMaterials(app, citizen, guide, [essential.id])).concat([
      { material: essential.id, commitment: { dueDate: '2026-12-10' } },
    ]);
    const res = await submit(citizen, {
      bundle: 'enterprise-startup',
      form: guide.form.examples[0],
      materials,
      consent: { fetch: true },
    });
    expect(res.body.status).toBe('deficient');
    expect(res.body.notice?.items).toMatchObject([
      { material: essential.id, reason: 'commitment-not-allowed' },
    ]);
  });
});

describe('补正: a supplement request pauses the clock', () => {
  it('pauses the application, and the due time moves on by the paused working time when answered', async () => {
    const { app: a, guide } = await startup();
    const licence = a.tasks.find((t) => t.status === 'open')!;
    const item = guide.materials.find((m) => m.satisfiedBy.includes('upload'))!;
    const res = await decide(licence, {
      decision: 'request-supplement',
      comment: '章程缺少股东签字',
      items: [{ material: item.id, reason: '缺少签字' }],
    });
    expect(res.status).toBe(204);
    const paused = await view(a.id);
    expect(paused.status).toBe('paused');
    expect(paused.tasks.find((t) => t.id === licence.id)?.status).toBe('supplement');
    // One whole working day passes while the applicant fixes the material.
    app.clock.set('2026-12-02T02:00:00Z');
    const answer = await api<ApplicationView>(
      app,
      citizen,
      'POST',
      `/api/v1/applications/${a.id}/materials`,
      {
        materials: await satisfyMaterials(app, citizen, { ...guide, materials: [item] }),
      },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.status).toBe('accepted');
    const task = answer.body.tasks.find((t) => t.id === licence.id)!;
    expect(task.status).toBe('open');
    const shift = new Date(task.dueAt!).getTime() - new Date(licence.dueAt!).getTime();
    expect(shift).toBeGreaterThanOrEqual(7 * 3600_000);
    expect(answer.body.actions.map((x) => x.type)).toEqual(
      expect.arrayContaining(['supplement-requested', 'supplement-answered']),
    );
    app.clock.set(MORNING);
  });
});

describe('deadline watch', () => {
  it('warns at 80% of the time, then marks overdue and escalates to the department lead and supervision', async () => {
    const { app: a } = await startup();
    const licence = a.tasks.find((t) => t.status === 'open')!;
    const opened = new Date(licence.openedAt!).getTime();
    const due = new Date(licence.dueAt!).getTime();
    // Same working day: office time and wall time coincide between the two.
    app.clock.set(new Date(opened + 0.9 * (due - opened)));
    await app.services.watch.tick();
    expect((await view(a.id)).tasks.find((t) => t.id === licence.id)?.alert).toBe('warning');
    app.clock.set(new Date(due + 60_000));
    const report = await app.services.watch.tick();
    expect(report.escalated).toBeGreaterThanOrEqual(1);
    const late = await view(a.id);
    expect(late.tasks.find((t) => t.id === licence.id)?.alert).toBe('overdue');
    const escalation = late.actions.find((x) => x.type === 'escalated');
    expect(escalation?.data.to).toEqual([`${licence.department}:lead`, 'supervision']);
    expect(
      late.followUps.some((f) => f.kind === 'escalation' && f.department === licence.department),
    ).toBe(true);
    // A second pass changes nothing more.
    const again = await app.services.watch.tick();
    expect(again.escalated).toBe(0);
    const supervisor = await app.login('supervisor1');
    const followUps = await api<{ items: { kind: string }[] }>(
      app,
      supervisor,
      'GET',
      '/api/v1/follow-ups?status=open',
    );
    expect(followUps.body.items.some((f) => f.kind === 'escalation')).toBe(true);
    app.clock.set(MORNING);
  });
});

describe('rejection and withdrawal', () => {
  it('stops the steps that depend on a rejected one and explains it', async () => {
    const { app: a } = await startup();
    const licence = a.tasks.find((t) => t.status === 'open')!;
    expect((await decide(licence, { decision: 'reject' })).status).toBe(422);
    expect(
      (await decide(licence, { decision: 'reject', comment: '名称与在先登记的企业名称相同' }))
        .status,
    ).toBe(204);
    const after = await view(a.id);
    expect(after.status).toBe('rejected');
    expect(after.tasks.filter((t) => t.status === 'cancelled')).toHaveLength(3);
    const last = after.actions.at(-1)!;
    expect(last.type).toBe('rejected');
    expect(JSON.stringify(last.data)).toContain('名称与在先登记的企业名称相同');
    expect((await decide(licence, { decision: 'approve' })).status).toBe(409);
  });

  it('lets the applicant withdraw an open application', async () => {
    const { app: a } = await startup();
    const res = await api<ApplicationView>(
      app,
      citizen,
      'POST',
      `/api/v1/applications/${a.id}/withdrawal`,
      { reason: '改为线下办理' },
    );
    expect(res.body.status).toBe('withdrawn');
    expect(res.body.tasks.every((t) => t.status === 'cancelled')).toBe(true);
  });
});

describe('channels', () => {
  it('lets any clerk accept any matter at the window for a walk-in applicant (无差别受理)', async () => {
    const clerk = await app.login('clerk1');
    const guide = await guideOf(app, 'bundle', 'enterprise-startup');
    const res = await submit(clerk, {
      bundle: 'enterprise-startup',
      form: guide.form.examples[0],
      materials: await satisfyMaterials(app, clerk, guide),
      applicant: { idNumber: '330521198512010512', name: '赵磊' },
      channel: 'window',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.channel).toBe('window');
    expect(res.body.applicant.maskedIdNumber).toBe('330521********0512');
    expect(res.body.actions.map((a) => a.type)).toContain('identity-verified');
    const clerkList = await api<{ items: { id: string }[] }>(
      app,
      clerk,
      'GET',
      '/api/v1/applications',
    );
    expect(clerkList.body.items.map((i) => i.id)).toContain(res.body.id);
    const bad = await submit(clerk, {
      bundle: 'enterprise-startup',
      form: guide.form.examples[0],
      applicant: { idNumber: '330521198512010513' },
    });
    expect(bad.status).toBe(422);
  });

  it('records the remote identity check and e-signature of an overseas service point', async () => {
    const clerk = await app.login('clerk1');
    const all = await matters();
    const overseas = all.find(
      (m) => m.channels.includes('overseas') && m.applicantTypes.includes('person'),
    )!;
    expect(overseas).toBeDefined();
    const base = {
      matter: overseas.code,
      form: overseas.form.examples[0],
      materials: await satisfyMaterials(app, clerk, overseas),
      applicant: { idNumber: '330681199003071233' },
      channel: 'overseas',
    };
    expect((await submit(clerk, base)).status).toBe(422);
    const res = await submit(clerk, {
      ...base,
      remoteVerification: { method: 'video', reference: 'PARIS-2026-0042' },
      eSignature: { signer: '张伟', signatureId: 'ES-7781' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.channel).toBe('overseas');
    expect(res.body.actions.map((a) => a.type)).toEqual(
      expect.arrayContaining(['identity-verified', 'e-signed']),
    );
  });

  it('takes an inter-department matter from a department (Lishui 部门间办事)', async () => {
    const all = await matters();
    const inter = all.find(
      (m) => m.applicantTypes.includes('department') && m.applicantTypes.length === 1,
    )!;
    expect(inter).toBeDefined();
    const applicantDept = inter.department.code === 'amr' ? 'tax' : 'amr';
    const token = await app.login(`reviewer.${applicantDept}`);
    const res = await submit(token, {
      matter: inter.code,
      form: inter.form.examples[0],
      materials: await satisfyMaterials(app, token, inter),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.channel).toBe('department');
    expect(res.body.applicant).toMatchObject({ kind: 'department', department: applicantDept });
    expect(res.body.tasks[0]?.department).toBe(inter.department.code);
    const asCitizen = await submit(citizen, { matter: inter.code, form: inter.form.examples[0] });
    expect(asCitizen.status).toBe(422);
  });
});

describe('好差评', () => {
  it('opens a call-back within 1 working day and a rectification within 15 for a poor rating', async () => {
    const { app: a } = await startup();
    let current = a;
    while (current.status !== 'completed') {
      for (const t of current.tasks.filter((x) => x.status === 'open'))
        expect((await decide(t, { decision: 'approve' })).status).toBe(204);
      current = await view(a.id);
    }
    const dept = current.tasks[1]!.department;
    const res = await api<ApplicationView>(
      app,
      citizen,
      'POST',
      `/api/v1/applications/${a.id}/evaluation`,
      { score: 4, departments: [{ department: dept, score: 2, comment: '刻章等待时间长' }] },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const follow = res.body.followUps.filter((f) => f.department === dept);
    expect(follow.map((f) => f.kind).sort()).toEqual(['rating-callback', 'rating-rectification']);
    const callback = follow.find((f) => f.kind === 'rating-callback')!;
    expect(callback.dueAt.slice(0, 10)).toBe('2026-12-02');
    expect(
      (await api(app, citizen, 'POST', `/api/v1/applications/${a.id}/evaluation`, { score: 5 }))
        .status,
    ).toBe(409);
  });
});

describe('departments’ own systems', () => {
  it('delivers signed webhooks for new tasks, retries a failure with backoff, and lets the system decide with an API key', async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    let fail = 1;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = fail-- > 0 ? 500 : 200;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const guide = await guideOf(app, 'bundle', 'enterprise-startup');
      const licenceDept = guide.steps.find((s) => s.after.length === 0)!.department;
      const admin = await app.login('admin');
      const sub = await api<{ secret: string }>(
        app,
        admin,
        'POST',
        `/api/v1/departments/${licenceDept}/webhooks`,
        { url },
      );
      expect(sub.status).toBe(201);
      const { app: a } = await startup();
      const first = await app.services.webhooks.deliverDue();
      expect(first.retried).toBe(1);
      app.clock.advance(31_000);
      const second = await app.services.webhooks.deliverDue();
      expect(second.delivered).toBe(1);
      const delivery = received[1]!;
      const ts = String(delivery.headers['x-onetrip-timestamp']);
      expect(delivery.headers['x-onetrip-signature']).toBe(
        signDelivery(sub.body.secret, ts, delivery.body),
      );
      const event = JSON.parse(delivery.body) as {
        type: string;
        taskId: string;
        receiptNo: string;
      };
      expect(event).toMatchObject({ type: 'task.opened', receiptNo: a.receiptNo });
      const log = await api<{ items: { attempts: number; status: string }[] }>(
        app,
        admin,
        'GET',
        `/api/v1/departments/${licenceDept}/webhook-deliveries`,
      );
      expect(log.body.items[0]).toMatchObject({ attempts: 2, status: 'delivered' });
      const { key } = await app.services.identity.createApiKey(licenceDept, 'approval system');
      const decided = await api(app, key, 'POST', `/api/v1/tasks/${event.taskId}/decision`, {
        decision: 'approve',
      });
      expect(decided.status).toBe(204);
      expect((await view(a.id)).tasks.filter((t) => t.status === 'open')).toHaveLength(3);
    } finally {
      server.close();
    }
  });
});
