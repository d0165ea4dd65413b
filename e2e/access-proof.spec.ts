import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, saveScreenshot, test } from './support/fixtures.js';
import { nextLogin, submitPassword } from './support/demo.js';

// The server's database, as the e2e server starter recorded it.
function serverDatabase(): Database.Database {
  const marker = path.join(os.tmpdir(), `onetrip-e2e-${process.env.E2E_PORT ?? '3999'}.datadir`);
  return new Database(path.join(fs.readFileSync(marker, 'utf8'), 'onetrip.sqlite'));
}

test.describe('the access log proves what it shows', () => {
  test('a row edited in the database shows as failed, the others as on the ledger', async ({
    page,
  }) => {
    const login = nextLogin(page);
    await submitPassword(page, 'citizen2');
    await login;
    // Two previews: two accesses of citizen2's data, each with its ledger entry.
    for (const bundle of ['newborn', 'enterprise-startup']) {
      expect(
        (await page.request.post('/api/v1/datahub/preview', { data: { bundle } })).status(),
      ).toBe(200);
    }
    type Row = { id: string; ledger: { opening: { index: number } | null } };
    const signed = async () => {
      const items = (
        (await (await page.request.get('/api/v1/me/data-access')).json()) as { items: Row[] }
      ).items;
      const size = Number(
        (await (await page.request.get('/api/v1/ledger/checkpoint')).text()).split('\n')[1],
      );
      return items.filter((r) => r.ledger.opening && r.ledger.opening.index < size);
    };
    // The entries join a signed checkpoint within seconds (the checkpoint job runs every 3 s).
    await expect.poll(async () => (await signed()).length, { timeout: 20_000 }).toBeGreaterThan(1);
    const [edited, kept] = await signed();

    // The key the page pins comes with the page, not with the answers it checks.
    await page.goto('/data-access');
    const key = await page.locator('meta[name="onetrip-ledger-key"]').getAttribute('content');
    expect(key).toBe(await (await page.request.get('/.well-known/onetrip-ledger-key')).text());
    const rows = page.getByRole('listitem');
    await expect(rows.filter({ hasText: '已上链 · 本机验证通过' }).first()).toBeVisible({
      timeout: 15_000,
    });
    await expect(page.getByText('账本验证失败')).toHaveCount(0);

    // An insider changes what one row says was read; its ledger entry is untouched.
    const db = serverDatabase();
    try {
      const row = db.prepare('select items from datahub_accesses where id = ?').get(edited!.id) as {
        items: string;
      };
      const items = JSON.parse(row.items) as { fields: string[] }[];
      // One field fewer, or one more: the page would show a read that did not happen as it did.
      const fields = items[0]!.fields;
      items[0]!.fields = fields.length > 1 ? fields.slice(1) : ['address', ...fields];
      db.prepare('update datahub_accesses set items = ? where id = ?').run(
        JSON.stringify(items),
        edited!.id,
      );
    } finally {
      db.close();
    }
    await page.reload();
    await expect(page.getByText('账本验证失败')).toHaveCount(1, { timeout: 15_000 });
    const failedRow = rows.filter({ hasText: '账本验证失败' });
    await expect(failedRow).not.toContainText('已上链');
    // The untouched row still proves.
    expect(kept).toBeDefined();
    await expect(rows.filter({ hasText: '已上链 · 本机验证通过' }).first()).toBeVisible();
    await saveScreenshot(page, 'access-proof-failed');
  });
});
