import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog, type CatalogProblem } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const DEPARTMENTS = `departments:
  - code: amr
    name: { zh: 市场监管局, en: Market regulation }
    contact: { phone: '12315', address: 一楼 }
  - code: psb
    name: { zh: 公安局, en: Police }
    contact: { phone: '110', address: 二楼 }
`;

const SHARED = `credentialTypes:
  - { type: BusinessLicence, name: { zh: 营业执照, en: Licence }, kind: licence, issuer: amr, claims: [creditCode] }
  - { type: SealRecord, name: { zh: 印章备案, en: Seal record }, kind: record, issuer: psb, claims: [sealNumber] }
materials:
  - id: licence
    name: { zh: 营业执照, en: Licence }
    satisfiedBy: { credential: { type: BusinessLicence }, datahub: { source: amr, item: company-register } }
  - id: articles
    name: { zh: 章程, en: Articles }
    satisfiedBy: { upload: true }
fields:
  - { name: companyName, type: string, title: { zh: 企业名称, en: Company name }, example: 示例科技有限公司 }
  - { name: creditCode, type: string, format: credit-code, title: { zh: 统一社会信用代码, en: Credit code }, example: 91330402MA2JD5K850 }
`;

const matter = (code: string, department: string, extra = '') => `  - code: ${code}
    name: { zh: 事项${code}, en: Matter ${code} }
    department: ${department}
    kind: licence
    legalBasis: [《中华人民共和国行政许可法》]
    legalLimit: { workingDays: 20 }
    promisedLimit: { workingDays: 5 }
    applicantTypes: [company]
    channels: [online]
    trips: 0
${extra}`;

const MATTERS = `matters:
${matter('amr-register', 'amr', '    form: [companyName]\n    materials: [articles]\n    outputs: [BusinessLicence]\n')}${matter('psb-seal', 'psb', '    form: [companyName, creditCode]\n    materials: [licence]\n    outputs: [SealRecord]\n')}`;

const BUNDLE = `bundles:
  - code: start
    name: { zh: 开办, en: Start }
    applicantTypes: [company]
    promisedLimit: { workingDays: 1 }
    steps:
      - id: licence
        matter: amr-register
      - id: seal
        matter: psb-seal
        after: [licence]
        inputs: { creditCode: licence.creditCode }
`;

/** Writes a small valid catalog, with some files replaced or added, into a fresh folder. */
function writeCatalog(overrides: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-catalog-'));
  dirs.push(dir);
  const files: Record<string, string> = {
    'departments.yaml': DEPARTMENTS,
    'shared.yaml': SHARED,
    'matters/matters.yaml': MATTERS,
    'bundles/start.yaml': BUNDLE,
    ...overrides,
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function problemsOf(dir: string): CatalogProblem[] {
  try {
    loadCatalog(dir);
  } catch (error) {
    if (error instanceof CatalogError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the catalog to fail');
}

function lineOf(text: string, needle: string, nth = 1): number {
  const lines = text.split('\n');
  let seen = 0;
  const index = lines.findIndex((l) => l.includes(needle) && ++seen === nth);
  if (index < 0) throw new Error(`no line with ${needle}`);
  return index + 1;
}

describe('loadCatalog', () => {
  it('loads a valid catalog and merges the bundle', () => {
    const catalog = loadCatalog(writeCatalog());
    const bundle = catalog.bundle('start');
    expect(bundle?.steps.map((s) => [s.id, s.after])).toEqual([
      ['licence', []],
      ['seal', ['licence']],
    ]);
    // The credit code comes from the licence step and the licence itself is produced inside.
    expect(Object.keys(bundle?.form.properties ?? {})).toEqual(['companyName']);
    expect(bundle?.materials.map((m) => m.id)).toEqual(['articles']);
    expect(bundle?.provided).toEqual([
      expect.objectContaining({ id: 'licence', fromStep: 'licence', steps: ['seal'] }),
    ]);
  });

  it('reports YAML syntax errors with file, line and column', () => {
    const broken = `matters:\n  - code: amr-register\n    name: { zh: 事项, en: oops\n    kind: licence\n`;
    const problems = problemsOf(writeCatalog({ 'matters/matters.yaml': broken }));
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.rule).toBe('yaml-syntax');
      expect(p.file).toMatch(/matters[/\\]matters\.yaml$/);
      expect(p.line).toBeGreaterThanOrEqual(3);
    }
  });

  it('reports an unknown department at the line that names it', () => {
    const text = MATTERS.replace('department: psb', 'department: police');
    const problems = problemsOf(writeCatalog({ 'matters/matters.yaml': text }));
    expect(problems).toEqual([
      expect.objectContaining({
        rule: 'unknown-department',
        line: lineOf(text, 'department: police'),
        column: 17,
      }),
    ]);
    expect(problems[0]?.file).toMatch(/matters\.yaml$/);
    expect(problems[0]?.message).toContain('"police"');
  });

  it('names a cycle in after: and points at the step', () => {
    const text = BUNDLE.replace("        matter: amr-register\n", '        matter: amr-register\n        after: [seal]\n');
    const problems = problemsOf(writeCatalog({ 'bundles/start.yaml': text }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule: 'step-cycle', line: lineOf(text, 'after: [seal]') });
    expect(problems[0]?.message).toContain('licence → seal → licence');
  });

  it('still names a cycle when a step names an unknown matter', () => {
    const text = BUNDLE.replace('        matter: amr-register\n', '        matter: amr-regsiter\n        after: [seal]\n');
    const rules = problemsOf(writeCatalog({ 'bundles/start.yaml': text })).map((p) => p.rule);
    expect(rules).toEqual(['unknown-matter', 'step-cycle']);
  });

  it('reports a duplicate code at the second definition, naming the first', () => {
    const extra = `matters:\n${matter('amr-register', 'amr', '    form: [companyName]\n')}`;
    const problems = problemsOf(writeCatalog({ 'matters/more.yaml': extra }));
    expect(problems).toEqual([
      expect.objectContaining({ rule: 'duplicate-code', line: 2, column: 11 }),
    ]);
    expect(problems[0]?.file).toMatch(/more\.yaml$/);
    expect(problems[0]?.message).toMatch(/matters\.yaml:2:11/);
  });

  it('lists every problem at once, each with a rule', () => {
    const text = MATTERS.replace('department: psb', 'department: police')
      .replace('materials: [licence]', 'materials: [licence, statutes]')
      .replace('    trips: 0\n', '    trips: 2\n    colour: red\n');
    const problems = problemsOf(writeCatalog({ 'matters/matters.yaml': text }));
    const rules = problems.map((p) => p.rule).sort();
    expect(rules).toEqual(['schema', 'unknown-department', 'unknown-key', 'unknown-material']);
    const unknownKey = problems.find((p) => p.rule === 'unknown-key');
    expect(unknownKey?.line).toBe(lineOf(text, 'colour: red'));
    expect(problems.find((p) => p.rule === 'schema')?.line).toBe(lineOf(text, 'trips: 2'));
    // A bundle using the broken matters does not repeat their problems as unknown matters.
    expect(rules).not.toContain('unknown-matter');
  });

  it('formats problems as file:line:column rule message', () => {
    const text = BUNDLE.replace('matter: psb-seal', 'matter: psb-sael');
    try {
      loadCatalog(writeCatalog({ 'bundles/start.yaml': text }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogError);
      expect((error as Error).message).toMatch(
        new RegExp(`start\\.yaml:${lineOf(text, 'psb-sael')}:17 unknown-matter there is no matter "psb-sael"`),
      );
    }
  });

  it('refuses data passed from an output the step does not produce', () => {
    const text = BUNDLE.replace('licence.creditCode', 'licence.taxNumber');
    const problems = problemsOf(writeCatalog({ 'bundles/start.yaml': text }));
    expect(problems).toEqual([
      expect.objectContaining({ rule: 'unknown-output', line: lineOf(text, 'inputs:') }),
    ]);
    expect(problems[0]?.message).toContain('creditCode');
  });

  it('refuses data passed from a step that does not come before', () => {
    const text = BUNDLE.replace('        after: [licence]\n', '');
    const problems = problemsOf(writeCatalog({ 'bundles/start.yaml': text }));
    expect(problems.map((p) => p.rule)).toEqual(['pass-from-non-predecessor']);
  });

  it('refuses a field asked by two matters with conflicting types', () => {
    const text = MATTERS.replace(
      '    form: [companyName, creditCode]\n',
      '    form:\n      - { name: companyName, type: integer, title: { zh: 名称, en: Name }, example: 1 }\n      - creditCode\n',
    );
    const problems = problemsOf(writeCatalog({ 'matters/matters.yaml': text }));
    expect(problems).toEqual([expect.objectContaining({ rule: 'field-conflict' })]);
    expect(problems[0]?.file).toMatch(/start\.yaml$/);
    expect(problems[0]?.message).toContain('type string vs integer');
  });

  it('refuses an example that breaks its own field', () => {
    const shared = SHARED.replace('example: 91330402MA2JD5K850', 'example: 91330402MA2JD5K851');
    const problems = problemsOf(writeCatalog({ 'shared.yaml': shared }));
    expect(problems[0]).toMatchObject({
      rule: 'example-invalid',
      line: lineOf(shared, 'MA2JD5K851'),
    });
  });

  it('refuses uploads in a paperless bundle and promises beyond the law', () => {
    const text = BUNDLE.replace('    promisedLimit: { workingDays: 1 }\n', '    promisedLimit: { workingDays: 60 }\n    paperless: true\n');
    const rules = problemsOf(writeCatalog({ 'bundles/start.yaml': text })).map((p) => p.rule);
    expect(rules.sort()).toEqual(['paperless-upload', 'promised-exceeds-legal']);
  });

  it('refuses an essential material that may be missing', () => {
    const text = MATTERS.replace('materials: [articles]', 'materials: [{ id: articles, allowMissing: true }]');
    expect(problemsOf(writeCatalog({ 'matters/matters.yaml': text })).map((p) => p.rule)).toEqual([
      'essential-not-deferrable',
    ]);
  });

  it('refuses a folder that does not exist', () => {
    expect(problemsOf(path.join(os.tmpdir(), 'no-such-catalog-folder')).map((p) => p.rule)).toEqual([
      'no-catalog',
    ]);
  });
});
