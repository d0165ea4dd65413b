import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { buildGuides } from './catalog.guides.js';
import { checkReferences } from './catalog.checks.js';
import { CatalogError } from './catalog.errors.js';
import { formatPath, locate, type SourceFile, type YamlPath } from './catalog.locator.js';
import { createCatalog, type Catalog } from './catalog.model.js';
import { Problems, type DataHubDirectory, type RawCatalog } from './catalog.types.js';
import { FileYaml, SECTIONS, type SectionName } from './catalog.yaml-schema.js';

/** Options of {@link loadCatalog}. */
export interface LoadCatalogOptions {
  /** "Today" for checking example identity numbers; the real date by default. */
  today?: Date;
  /**
   * The data hub's sources and items: fields are checked against them, and a material whose
   * source is not connected is asked from the applicant (listed in `Catalog.unconnected`).
   */
  dataHub?: DataHubDirectory;
}

/** Files of the catalog folder that other modules read (the window staff rules of supervision). */
const NOT_MATTERS = new Set(['window-staff.yaml']);

function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name) && !NOT_MATTERS.has(entry.name))
        out.push(full);
    }
  };
  walk(dir);
  // Sorted so that "first definition wins" and problem order do not depend on the file system.
  return out.sort();
}

/** Paths relative to the working directory read best in a terminal; others stay absolute. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(file);
}

function reportIssues(
  problems: Problems,
  src: SourceFile,
  prefix: YamlPath,
  issues: readonly z.core.$ZodIssue[],
): void {
  for (const issue of issues) {
    const at = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.add(
          'unknown-key',
          locate(src, [...at, key], true),
          `${formatPath([...at, key])}: unknown key "${key}"`,
        );
      }
      continue;
    }
    problems.add('schema', locate(src, at), `${formatPath(at) || '(file)'}: ${issue.message}`);
  }
}

/** The code, id, type or name of an entry, even one that failed its schema. */
function entryKey(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as Record<string, unknown>;
  for (const key of ['code', 'id', 'type', 'name']) {
    if (typeof record[key] === 'string') return record[key];
  }
  return undefined;
}

function readFile(file: string, raw: RawCatalog, problems: Problems): void {
  const text = fs.readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const src: SourceFile = { file: displayPath(file), doc, lineCounter };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      problems.add('yaml-syntax', { file: src.file, line, column: col }, error.message);
    }
    return;
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return;
  const top = FileYaml.safeParse(data);
  if (!top.success) {
    reportIssues(problems, src, [], top.error.issues);
    return;
  }
  const fileDepartment = top.data.department;
  for (const section of Object.keys(SECTIONS) as SectionName[]) {
    (top.data[section] ?? []).forEach((item, index) => {
      const at = { src, path: [section, index] };
      const accept = <T>(schema: z.ZodType<T>, keep: (value: T) => void) => {
        const parsed = schema.safeParse(item);
        if (parsed.success) return keep(parsed.data);
        reportIssues(problems, src, at.path, parsed.error.issues);
        const key = entryKey(item);
        if (key) raw.broken.add(key);
      };
      switch (section) {
        case 'departments':
          return accept(SECTIONS.departments, (value) => raw.departments.push({ value, at }));
        case 'credentialTypes':
          return accept(SECTIONS.credentialTypes, (value) => raw.credentialTypes.push({ value, at }));
        case 'materials':
          return accept(SECTIONS.materials, (value) => raw.materials.push({ value, at }));
        case 'fields':
          return accept(SECTIONS.fields, (value) => raw.fields.push({ value, at }));
        case 'bundles':
          return accept(SECTIONS.bundles, (value) => raw.bundles.push({ value, at }));
        case 'matters':
          return accept(SECTIONS.matters, (matter) => {
            const own = matter.department !== undefined;
            raw.matters.push({
              value: { ...matter, department: matter.department ?? fileDepartment },
              at,
              departmentAt: own
                ? { src, path: [...at.path, 'department'] }
                : fileDepartment !== undefined
                  ? { src, path: ['department'] }
                  : undefined,
            });
          });
      }
    });
  }
}

/**
 * Reads every `**\/*.yaml` under `dir`, checks each entry against its schema and then the whole
 * against the cross-file rules (unknown references, duplicate codes, cycles in `after:`, data
 * passed from outputs a step does not produce, conflicting field types, invalid examples, data
 * fields the hub's item does not have or that are not declared),
 * computes every guide, and returns the in-memory catalog.
 * Throws {@link CatalogError} listing every problem as `file:line:column rule message`.
 */
export function loadCatalog(dir: string, options: LoadCatalogOptions = {}): Catalog {
  const problems = new Problems();
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    problems.add('no-catalog', { file: displayPath(dir), line: 1, column: 1 }, 'not a folder');
    throw new CatalogError(problems.list);
  }
  const raw: RawCatalog = {
    departments: [],
    credentialTypes: [],
    materials: [],
    fields: [],
    matters: [],
    bundles: [],
    broken: new Set(),
  };
  const files = listYamlFiles(dir);
  if (files.length === 0) {
    problems.add('no-catalog', { file: displayPath(dir), line: 1, column: 1 }, 'no .yaml files');
  }
  for (const file of files) readFile(file, raw, problems);
  // What a file with a syntax error meant to define is unknown, so references to it cannot be
  // judged: report the files' own problems and stop before the cross-file rules.
  if (problems.list.some((p) => p.rule === 'yaml-syntax')) throw new CatalogError(problems.list);
  const index = checkReferences(raw, problems, options.dataHub);
  const guides = buildGuides(index, problems, options.today ?? new Date());
  if (problems.list.length > 0) throw new CatalogError(problems.list);
  return createCatalog(index, guides);
}
