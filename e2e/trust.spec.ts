import { expect, saveScreenshot, test } from './support/fixtures.js';
import { nextLogin, submitPassword } from './support/demo.js';

test.describe('trust: the ledger and who used my data', () => {
  test('a citizen verifies an application’s ledger entry in the browser', async ({ page }) => {
    const login = nextLogin(page);
    await submitPassword(page, 'citizen1');
    await login;
    // An application without its materials: deficient, with its history in the ledger.
    const guide = (await (
      await page.request.get('/api/v1/catalog/bundles/enterprise-startup')
    ).json()) as {
      form: { examples: Record<string, unknown>[] };
    };
    const created = await page.request.post('/api/v1/applications', {
      data: {
        bundle: 'enterprise-startup',
        form: guide.form.examples[0],
        materials: [],
        consent: { fetch: true },
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // The entries join a signed checkpoint within a few seconds (the checkpoint job runs every 3 s).
    await expect
      .poll(
        async () =>
          (
            (await (await page.request.get(`/api/v1/applications/${id}/ledger`)).json()) as {
              entries: unknown[];
            }
          ).entries.length,
        {
          timeout: 20_000,
        },
      )
      .toBeGreaterThan(0);
    await expect
      .poll(
        async () =>
          Number(
            (await (await page.request.get('/api/v1/ledger/checkpoint')).text()).split('\n')[1],
          ),
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);

    await page.goto(`/applications/${id}`);
    const panel = page.getByRole('region', { name: '存证记录（可独立验证）' });
    await expect(panel).toBeVisible();
    await panel.getByRole('button', { name: /验证/ }).first().click();
    await expect(panel.getByRole('status').first()).toContainText('已验证', { timeout: 15_000 });
    await saveScreenshot(page, 'ledger-verified');
  });

  test('a citizen sees who used their data and can contest an access', async ({ page }) => {
    const login = nextLogin(page);
    await submitPassword(page, 'citizen2');
    await login;
    // The applicant's own preview of what a newborn application would fetch is itself recorded.
    const preview = await page.request.post('/api/v1/datahub/preview', {
      data: { bundle: 'newborn' },
    });
    expect(preview.status()).toBe(200);

    await page.goto('/data-access');
    await expect(page.getByRole('heading', { level: 1, name: '我的数据使用记录' })).toBeVisible();
    const first = page.getByRole('listitem').filter({ hasText: '本人预览' }).first();
    await expect(first).toBeVisible();
    await first.getByRole('button', { name: '提出异议' }).click();
    await page.getByLabel('异议理由').fill('我没有办理过这项业务');
    await page.getByRole('button', { name: '提交' }).click();
    await expect(page.getByText('异议已提交')).toBeVisible();
    await saveScreenshot(page, 'data-access');
  });
});
