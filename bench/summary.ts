/**
 * The one summary table of `npm run bench` (issue 14). Each benchmark script writes its rows
 * to bench/results/<name>.summary.json with `writeSummary`; bench/run.ts reads them all after
 * the run and prints one table: figure, target, the peer or raw limit measured in the same
 * run, and whether the target is met.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface SummaryRow {
  /** What was measured, e.g. "case engine: completed bundles/s (HTTP, SQLite, 50 clients)". */
  figure: string;
  /** The measured value as shown, with its unit, e.g. "612 /s" or "38 ms". */
  value: string;
  /** The target as written in the issue, e.g. "≥ 10× bpmn-engine" or "< 50 ms". */
  target: string;
  /** The peer or raw limit measured in the same run, with the ratio, e.g. "bpmn-engine 58 /s → 10.5×"; "—" when the target is absolute. */
  limit: string;
  /** Whether the target is met; null for a figure reported without a target (e.g. PostgreSQL beside SQLite). */
  met: boolean | null;
  /** Why a missed target is missed, in one sentence (the profile's finding). */
  why?: string;
}

export const RESULTS_DIR = path.join('bench', 'results');

export function writeSummary(name: string, rows: SummaryRow[]): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(RESULTS_DIR, `${name}.summary.json`),
    JSON.stringify({ name, at: new Date().toISOString(), rows }, null, 2),
  );
}

export function readSummaries(names: string[]): { name: string; rows: SummaryRow[] }[] {
  const out: { name: string; rows: SummaryRow[] }[] = [];
  for (const name of names) {
    const file = path.join(RESULTS_DIR, `${name}.summary.json`);
    if (!fs.existsSync(file)) continue;
    out.push(JSON.parse(fs.readFileSync(file, 'utf8')) as { name: string; rows: SummaryRow[] });
  }
  return out;
}

/** The table as Markdown, ready to paste into BENCHMARKS.md. */
export function summaryTable(rows: SummaryRow[]): string {
  const met = (m: boolean | null) => (m === null ? 'reported' : m ? '✓ met' : '✗ missed');
  const lines = [
    '| figure | measured | target | peer or raw limit, same run | met |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.target} | ${r.limit} | ${met(r.met)} |`),
  ];
  const why = rows.filter((r) => r.met === false && r.why);
  if (why.length > 0) lines.push('', ...why.map((r) => `- ${r.figure}: ${r.why}`));
  return lines.join('\n');
}
