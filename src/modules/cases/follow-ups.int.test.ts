import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApplicationView,
  FollowUpItem,
  FollowUpList,
  MatterGuide,
  TaskView,
} from '../../../shared/contracts/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, guideOf, satisfyMaterials } from '../../../test/support/cases.js';

const MORNING = '2026-12-01T02:00:00Z';
let app: TestApp;
let citizen: string;
beforeAll(async () => {
  app = await createTestApp({ at: MORNING });
  citizen = await app.login('citizen2');
});
afterAll(async () => app.cleanup());

interface Inbox {
  items: { type: string; receiptNo: string; title: { zh: string }; body: { zh: string } }[];
}
const inbox = async (username: string, token?: string) =>
  (await api<Inbox>(app, token ?? (await app.login(username)), 'GET', '/api/v1/notifications')).body
    .items;
const view = async (id: string, token = citizen) =>
  (await api<ApplicationView>(app, token, 'GET', `/api/v1/applications/${id}`)).body;
const list = async (username: string, query = '') =>
  api<FollowUpList>(app, await app.login(username), 'GET', `/api/v1/follow-ups${query}`);
const close = async (username: string, id: string, outcome: unknown) =>
  api<FollowUpItem>(app, await app.login(username), 'POST', `/api/v1/follow-ups/${id}/close`, {
    outcome,
  });
const accountId = async (username: string) =>
  (await api<{ id: string }>(app, await app.login(username), 'GET', '/api/v1/me')).body.id;

async function startup(): Promise<ApplicationView> {
  const guide = await guideOf(app, 'bundle', 'enterprise-startup');
  const res = await api<ApplicationView>(app, citizen, 'POST', '/api/v1/applications', {
    bundle: 'enterprise-startup',
    form: guide.form.examples[0],
    materials: await satisfyMaterials(app, citizen, guide),
    consent: { fetch: true },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function completed(): Promise<ApplicationView> {
  const a = await startup();
  let current = a;
  while (current.status !== 'completed') {
    for (const t of current.tasks.filter((x: TaskView) => x.status === 'open')) {
      const res = await api(
        app,
        await app.login(`reviewer.${t.department}`),
        'POST',
        `/api/v1/tasks/${t.id}/decision`,
        { decision: 'approve' },
      );
      expect(res.status).toBe(204);
    }
    current = await view(a.id);
  }
  return current;
}

describe('escalation: an overdue task reaches the lead and supervision and is closed', () => {
  it('owns the follow-up by the lead, tells lead and supervisor, and closes it with a note', async () => {
    const a = await startup();
    const task = a.tasks.find((t) => t.status === 'open')!;
    const dept = task.department;
    app.clock.set(new Date(new Date(task.dueAt!).getTime() + 60_000));
    expect((await app.services.watch.tick()).escalated).toBeGreaterThanOrEqual(1);

    const lead = `lead.${dept}`;
    const escalated = (items: Inbox['items']) =>
      items.filter((n) => n.type === 'task.escalated' && n.receiptNo === a.receiptNo);
    expect(escalated(await inbox(lead))).toHaveLength(1);
    expect(escalated(await inbox('supervisor1'))).toHaveLength(1);
    // The escalation goes up, not to the reviewers whose task ran late.
    expect(escalated(await inbox(`reviewer.${dept}`))).toHaveLength(0);

    const listed = await list(lead);
    expect(listed.status).toBe(200);
    const item = listed.body.items.find(
      (f) => f.applicationId === a.id && f.kind === 'escalation',
    )!;
    expect(item).toMatchObject({
      receiptNo: a.receiptNo,
      department: dept,
      owner: await accountId(lead),
      status: 'open',
    });
    expect(item.ownerName).toContain('负责人');
    // The due time is one working day after the escalation (the close of the next working day).
    const escalatedAt = (await view(a.id)).actions.find(
      (x) => x.type === 'escalated' && x.taskId === task.id,
    )!.at;
    const oneWorkingDay = app.services.calendar.addWorkingDays(new Date(escalatedAt), 1);
    expect(Date.parse(item.dueAt)).toBe(oneWorkingDay.getTime());
    // By hand: escalated on Tuesday 1 December 2026, so due at 17:30 on Wednesday the 2nd.
    expect(escalatedAt.slice(0, 10)).toBe('2026-12-01');
    expect(item.dueAt).toBe('2026-12-02T17:30:00+08:00');

    // Another department's lead does not see it; a citizen has no work list.
    const other = a.tasks.find((t) => t.department !== dept)!.department;
    expect((await list(`lead.${other}`)).body.items.some((f) => f.id === item.id)).toBe(false);
    expect((await close(`lead.${other}`, item.id, '已督办')).status).toBe(404);
    expect((await api(app, citizen, 'GET', '/api/v1/follow-ups')).status).toBe(403);
    // The department's reviewer sees it but does not answer for it.
    expect((await list(`reviewer.${dept}`)).body.items.some((f) => f.id === item.id)).toBe(true);
    expect((await close(`reviewer.${dept}`, item.id, '已督办')).status).toBe(403);

    // Nothing written is no outcome: refused with the field named, and the follow-up stays open.
    const empty = await api<{ error: { details: { issues: { path: string }[] } } }>(
      app,
      await app.login(lead),
      'POST',
      `/api/v1/follow-ups/${item.id}/close`,
      { outcome: ' ' },
    );
    expect(empty.status).toBe(422);
    expect(empty.body.error.details.issues[0]?.path).toContain('outcome');

    const done = await close(lead, item.id, '已督促审批人员当日办结');
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', outcome: '已督促审批人员当日办结' });
    expect(Date.parse(done.body.closedAt!)).toBe(app.clock.now().getTime());
    expect((await close(lead, item.id, '再次关闭')).status).toBe(409);
    expect((await list(lead)).body.items.some((f) => f.id === item.id)).toBe(false);
    expect((await list(lead, '?status=done')).body.items.some((f) => f.id === item.id)).toBe(true);
    const history = (await view(a.id)).actions.find((x) => x.type === 'follow-up-closed');
    expect(history?.data).toMatchObject({ kind: 'escalation', outcome: '已督促审批人员当日办结' });
    app.clock.set(MORNING);
  });

  it('tells the owner and supervision once when the follow-up itself runs late', async () => {
    const a = await startup();
    const task = a.tasks.find((t) => t.status === 'open')!;
    const lead = `lead.${task.department}`;
    app.clock.set(new Date(new Date(task.dueAt!).getTime() + 60_000));
    await app.services.watch.tick();
    // Two working days later the lead has not closed it.
    app.clock.set(new Date(new Date(task.dueAt!).getTime() + 5 * 86_400_000));
    expect((await app.services.watch.tick()).followUpsRaised).toBeGreaterThanOrEqual(1);
    await app.services.watch.tick();
    const late = (items: Inbox['items']) =>
      items.filter((n) => n.type === 'follow-up.overdue' && n.receiptNo === a.receiptNo);
    expect(late(await inbox(lead))).toHaveLength(1);
    expect(late(await inbox('supervisor1'))).toHaveLength(1);
    const item = (await list('supervisor1', '?status=raised')).body.items.find(
      (f) => f.applicationId === a.id,
    );
    expect(item).toMatchObject({ kind: 'escalation', overdue: true });
    expect((await close('supervisor1', item!.id, '效能监察已约谈')).status).toBe(200);
    app.clock.set(MORNING);
  });
});

describe('差评 follow-ups: the applicant is told the outcome and may rate again', () => {
  it('assigns call-back and rectification to the lead, reports both outcomes, then accepts a new rating', async () => {
    const a = await completed();
    const dept = a.tasks[1]!.department;
    const lead = `lead.${dept}`;
    const rate = (body: Record<string, unknown>) =>
      api<ApplicationView>(app, citizen, 'POST', `/api/v1/applications/${a.id}/evaluation`, body);
    const first = await rate({
      score: 4,
      departments: [{ department: dept, score: 1, comment: '刻章等了三天' }],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.ratingOpen).toBe(false);
    const ownerId = await accountId(lead);
    const opened = first.body.followUps.filter((f) => f.department === dept);
    expect(opened.map((f) => [f.kind, f.owner])).toEqual(
      expect.arrayContaining([
        ['rating-callback', ownerId],
        ['rating-rectification', ownerId],
      ]),
    );
    const assigned = (await inbox(lead)).filter(
      (n) => n.type === 'follow-up.assigned' && n.receiptNo === a.receiptNo,
    );
    expect(assigned.map((n) => n.title.zh).sort()).toEqual([
      '新的督办：差评回访',
      '新的督办：差评整改',
    ]);
    expect((await rate({ score: 5 })).status).toBe(409);

    const callback = opened.find((f) => f.kind === 'rating-callback')!;
    const rectification = opened.find((f) => f.kind === 'rating-rectification')!;
    expect((await close(lead, callback.id, '已电话回访，致歉并说明原因')).status).toBe(200);
    const told = () =>
      inbox('citizen2', citizen).then((items) =>
        items.filter((n) => n.type === 'follow-up.closed' && n.receiptNo === a.receiptNo),
      );
    expect((await told()).map((n) => n.body.zh)).toEqual([
      `办件 ${a.receiptNo}：已电话回访，致歉并说明原因`,
    ]);
    expect((await view(a.id)).ratingOpen).toBe(false);
    expect((await rate({ score: 5 })).status).toBe(409);

    expect((await close(lead, rectification.id, '刻章改为当日取件')).status).toBe(200);
    // Both outcomes were told; the last one says the applicant may rate again.
    expect((await told()).map((n) => n.body.zh).sort()).toEqual([
      `办件 ${a.receiptNo}：刻章改为当日取件。欢迎再次评价`,
      `办件 ${a.receiptNo}：已电话回访，致歉并说明原因`,
    ]);
    expect((await view(a.id)).ratingOpen).toBe(true);
    const again = await rate({ score: 5, departments: [{ department: dept, score: 5 }] });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.evaluations.filter((e) => e.department === dept).map((e) => e.score)).toEqual(
      [1, 5],
    );
    expect(again.body.actions.filter((x) => x.type === 'rated').at(-1)?.data.again).toBe(true);
    expect(again.body.ratingOpen).toBe(false);
    expect((await rate({ score: 5 })).status).toBe(409);
  });
});

describe('容缺 commitments: an unmet promise reaches the applicant and the department once', () => {
  async function withCommitment(
    token: string,
    extra: Record<string, unknown> = {},
  ): Promise<{ app: ApplicationView; matter: MatterGuide; missing: string }> {
    const codes = (
      await api<{ items: { code: string }[] }>(app, null, 'GET', '/api/v1/catalog/matters')
    ).body.items;
    for (const { code } of codes) {
      const matter = (await api<MatterGuide>(app, null, 'GET', `/api/v1/catalog/matters/${code}`))
        .body;
      const missing = matter.materials.find((x) => x.allowMissing && !x.essential);
      if (!matter.applicantTypes.includes('person') || !missing) continue;
      const materials = await satisfyMaterials(app, token, matter, [missing.id]);
      materials.push({ material: missing.id, commitment: { dueDate: '2026-12-04' } });
      const res = await api<ApplicationView>(app, token, 'POST', '/api/v1/applications', {
        matter: code,
        form: matter.form.examples[0],
        materials,
        ...extra,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return { app: res.body, matter, missing: missing.id };
    }
    throw new Error('the seed catalog has no matter allowing 容缺');
  }

  it('gives an online commitment to the department lead and tells applicant and department when it runs out', async () => {
    const { app: a, matter } = await withCommitment(citizen, { consent: { fetch: true } });
    const dept = matter.department.code;
    const follow = a.followUps.find((f) => f.kind === 'commitment')!;
    expect(follow).toMatchObject({ department: dept, owner: await accountId(`lead.${dept}`) });
    app.clock.set('2026-12-05T02:00:00Z');
    expect((await app.services.watch.tick()).commitmentsRaised).toBeGreaterThanOrEqual(1);
    await app.services.watch.tick();
    const overdue = (items: Inbox['items']) =>
      items.filter((n) => n.type === 'commitment.overdue' && n.receiptNo === a.receiptNo);
    expect(overdue(await inbox('citizen2', citizen))).toHaveLength(1);
    expect(overdue(await inbox(`reviewer.${dept}`))).toHaveLength(1);
    expect(overdue(await inbox(`lead.${dept}`))).toHaveLength(1);
    const after = await view(a.id);
    expect(after.followUps.find((f) => f.id === follow.id)?.status).toBe('raised');
    expect(after.actions.filter((x) => x.type === 'commitment-overdue')).toHaveLength(1);
    app.clock.set(MORNING);
  });

  it('lets the clerk who took the promise at the window see and close it, and tells the applicant', async () => {
    const clerk = await app.login('clerk1');
    const { app: a } = await withCommitment(clerk, {
      channel: 'window',
      applicant: { idNumber: '33040220000229002X', name: '李娜' },
    });
    const follow = a.followUps.find((f) => f.kind === 'commitment')!;
    expect(follow.owner).toBe(await accountId('clerk1'));
    // The applicant served at the window hears of it in their own inbox, not only the clerk.
    const accepted = (await inbox('citizen2', citizen)).filter(
      (n) => n.type === 'application.accepted' && n.receiptNo === a.receiptNo,
    );
    expect(accepted).toHaveLength(1);
    const mine = await list('clerk1');
    expect(mine.body.items.map((f) => f.id)).toContain(follow.id);
    expect((await list('clerk2')).body.items.map((f) => f.id)).not.toContain(follow.id);
    const res = await close('clerk1', follow.id, '申请人已当场补交原件');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await view(a.id, clerk)).followUps.find((f) => f.id === follow.id)).toMatchObject({
      status: 'done',
      outcome: '申请人已当场补交原件',
    });
    // The applicant is told how the promise was settled, in their own inbox.
    const settled = (await inbox('citizen2', citizen)).filter(
      (n) => n.type === 'follow-up.closed' && n.receiptNo === a.receiptNo,
    );
    expect(settled).toHaveLength(1);
    expect(settled[0]!.title.zh).toBe('容缺承诺已办结');
    expect(settled[0]!.body.zh).toContain('申请人已当场补交原件');
  });
});
