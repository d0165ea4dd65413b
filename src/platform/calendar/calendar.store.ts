import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  createWorkingCalendar,
  type WorkingCalendar,
  type WorkingCalendarOptions,
} from './calendar.js';
import { yearExistsError } from './calendar.errors.js';
import { parseYearFile, type YearFile } from './year-file.js';
import cn2025 from './data/cn-2025.json' with { type: 'json' };
import cn2026 from './data/cn-2026.json' with { type: 'json' };

/**
 * The shipped year files and the admin's extra ones (`<dataDir>/calendar/*.json`). A year is
 * added to the shipped data by importing its file here; an operator adds one without a release
 * through `onetrip calendar add-year <file>`, which calls {@link addYearFile}.
 */

/** The years shipped with the platform, validated at first use. */
export function shippedYearFiles(): YearFile[] {
  // Imported JSON is typed structurally; parsing proves it matches the schema exactly.
  return [parseYearFile(cn2025, 'cn-2025.json'), parseYearFile(cn2026, 'cn-2026.json')];
}

async function listJsonFiles(dir: string): Promise<string[]> {
  try {
    const names = await fs.readdir(dir);
    return names.filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    // No folder means no extra years, the normal state of a fresh installation.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

async function readYearFiles(dir: string): Promise<Array<{ name: string; file: YearFile }>> {
  const out: Array<{ name: string; file: YearFile }> = [];
  for (const name of await listJsonFiles(dir)) {
    const text = await fs.readFile(path.join(dir, name), 'utf8');
    out.push({ name, file: parseYearFile(text, name) });
  }
  return out;
}

/** Options of {@link loadCalendar}. */
export interface LoadCalendarOptions extends WorkingCalendarOptions {
  /** A folder of extra year files (`*.json`), later `<dataDir>/calendar/`; may be missing. */
  extraDir?: string;
}

/**
 * Loads the shipped years plus every `*.json` year file in `extraDir`. An extra file for a
 * shipped year replaces it (a corrected notice needs no release). Throws ValidationError
 * `CALENDAR_INVALID_YEAR_FILE` naming the file, ConflictError `CALENDAR_YEAR_EXISTS` when two
 * extra files hold the same year.
 */
export async function loadCalendar(options: LoadCalendarOptions = {}): Promise<WorkingCalendar> {
  const byYear = new Map<number, YearFile>(shippedYearFiles().map((f) => [f.year, f]));
  if (options.extraDir !== undefined) {
    const seen = new Map<number, string>();
    for (const { name, file } of await readYearFiles(options.extraDir)) {
      const other = seen.get(file.year);
      if (other !== undefined) throw yearExistsError(file.year, `${other}, ${name}`);
      seen.set(file.year, name);
      byYear.set(file.year, file);
    }
  }
  const { extraDir: _extraDir, ...calendarOptions } = options;
  return createWorkingCalendar([...byYear.values()], calendarOptions);
}

/**
 * Validates a year file (parsed JSON or JSON text) and writes it to `extraDir` as
 * `cn-<year>.json`, creating the folder. Refuses, with ConflictError `CALENDAR_YEAR_EXISTS`,
 * when the folder already holds that year, unless `replace` is set. Throws ValidationError
 * `CALENDAR_INVALID_YEAR_FILE` listing every problem. Returns the year and the path written.
 */
export async function addYearFile(
  extraDir: string,
  json: unknown,
  options: { replace?: boolean } = {},
): Promise<{ year: number; path: string }> {
  const file = parseYearFile(json);
  const name = `cn-${file.year}.json`;
  const target = path.join(extraDir, name);
  for (const existing of await readYearFiles(extraDir)) {
    if (existing.file.year !== file.year) continue;
    // A same-year file under another name would make loading ambiguous even with `replace`.
    if (!options.replace || existing.name !== name) throw yearExistsError(file.year, existing.name);
  }
  await fs.mkdir(extraDir, { recursive: true });
  // Write then rename, so a crash never leaves a half-written file that breaks startup.
  const temp = path.join(extraDir, `.${name}.${randomUUID()}.tmp`);
  await fs.writeFile(temp, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
  await fs.rename(temp, target);
  return { year: file.year, path: target };
}
