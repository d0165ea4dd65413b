import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView, TaskView } from '../../../shared/contracts/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, NEWBORN_PARENTS, submitNewborn } from '../../../test/support/cases.js';

// Identity numbers in application forms are masked in every answer, except to the staff of a
// department whose task's matter asks for them (issue #11 point 3).

const { father: FATHER, mother: MOTHER } = NEWBORN_PARENTS;
const MASKED = { fatherIdNumber: '330681********1233', motherIdNumber: '330402********002X' };

let app: TestApp;
let father: string;
let newborn: ApplicationView;

beforeAll(async () => {
  app = await createTestApp();
  father = await app.login('citizen1');
  newborn = await submitNewborn(app, father);
});
afterAll(async () => app.cleanup());

const view = async (token: string) => {
  const res = await api<ApplicationView>(app, token, 'GET', `/api/v1/applications/${newborn.id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

async function approve(department: string): Promise<void> {
  const task = (await view(father)).tasks.find(
    (t: TaskView) => t.department === department && t.status === 'open',
  );
  expect(task, department).toBeDefined();
  const res = await api(
    app,
    await app.login(`reviewer.${department}`),
    'POST',
    `/api/v1/tasks/${task!.id}/decision`,
    { decision: 'approve' },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(204);
}

describe('identity numbers in the form', () => {
  it('are masked for the applicant, in the submission answer, the view and the list', async () => {
    expect(newborn.form).toMatchObject(MASKED);
    expect((await view(father)).form).toMatchObject(MASKED);
    const list = await api(app, father, 'GET', '/api/v1/applications');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(FATHER);
    expect(JSON.stringify(list.body)).not.toContain(MOTHER);
    // What is not an identity number stays as given.
    expect(newborn.form.childName).toBe('张小宇');
  });

  it('are clear for the department whose task asks for them, masked for supervision', async () => {
    const health = await view(await app.login('reviewer.health'));
    expect(health.form).toMatchObject({ fatherIdNumber: FATHER, motherIdNumber: MOTHER });
    expect((await view(await app.login('supervisor1'))).form).toMatchObject(MASKED);
  });

  it('stay masked for a department whose matter does not ask for them', async () => {
    await approve('health');
    // The household registration (psb) asks for the parents' numbers too.
    expect((await view(await app.login('reviewer.psb'))).form).toMatchObject({
      fatherIdNumber: FATHER,
    });
    await approve('psb');
    // Medical insurance (hsb) gets the baby's number from the household step, not the parents'.
    const hsb = await view(await app.login('reviewer.hsb'));
    expect(hsb.tasks.some((t) => t.department === 'hsb')).toBe(true);
    expect(hsb.form).toMatchObject(MASKED);
    expect(JSON.stringify(hsb.form)).not.toContain(MOTHER);
  });
});
