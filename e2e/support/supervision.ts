import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, type Locator, type Page } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A OneTrip server of a spec's own, with simulated history (start-simulated-server.mjs). */
export interface OwnServer {
  baseURL: string;
  stop(): Promise<void>;
}

/**
 * Starts a server on `port` whose data folder holds `days` simulated days of `people`
 * applicants, ended `ended` days before today, and resolves once it answers /healthz.
 */
export async function startSimulatedServer(
  port: number,
  { days = 20, people = 200, ended = 0, timeoutMs = 240_000 } = {},
): Promise<OwnServer> {
  const baseURL = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(ROOT, 'e2e', 'support', 'start-simulated-server.mjs'),
      String(port),
      String(days),
      String(people),
      String(ended),
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the simulated server exited (${child.exitCode})`);
    try {
      if ((await fetch(`${baseURL}/healthz`)).ok) return { baseURL, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`the simulated server did not answer on ${baseURL} within ${timeoutMs} ms`);
}

/** A card of the dashboard by its title. */
export function dashboardCard(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

/** Whether a canvas has a size and something drawn on it (not one flat colour). */
export async function canvasDrawn(canvas: Locator): Promise<boolean> {
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement;
    if (c.width === 0 || c.height === 0) return false;
    const context = c.getContext('2d');
    if (!context) return false;
    const { data } = context.getImageData(0, 0, c.width, c.height);
    const first = [data[0], data[1], data[2], data[3]].join();
    for (let i = 4; i < data.length; i += 4 * 7) {
      if ([data[i], data[i + 1], data[i + 2], data[i + 3]].join() !== first) return true;
    }
    return false;
  });
}

/** The cells of a table's body rows as text (antd's measure row left out). */
export async function tableRows(table: Locator): Promise<string[][]> {
  const rows = table.locator('tbody tr.ant-table-row');
  return rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
  );
}

/** A cell's value as plain text or number (rich text, formulas and hyperlinks unwrapped). */
function plain(value: ExcelJS.CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return plain(value.result);
  if ('text' in value) return String(value.text);
  return null;
}

/** Every row of every sheet of a workbook, as plain values. */
export async function workbookRows(file: string): Promise<(string | number | null)[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const rows: (string | number | null)[][] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => {
      const values = row.values as ExcelJS.CellValue[];
      rows.push(values.slice(1).map(plain));
    }),
  );
  return rows;
}

/** A figure as the page shows it ("1,234") as a number. */
export function figure(text: string): number {
  const n = Number(text.replace(/[,\s]/g, ''));
  expect(Number.isFinite(n), `"${text}" is a number`).toBe(true);
  return n;
}
