import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog, type CatalogProblem, type DataHubDirectory } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A hub that connects `amr` (one item) and `psb`, but not `nra`. */
const HUB: DataHubDirectory = {
  connects: (source) => source === 'amr' || source === 'psb',
  fields: (source, item) =>
    source === 'amr' && item === 'company-register'
      ? ['name', 'creditCode', 'legalRepresentative', 'officers', 'address']
      : source === 'psb' && item === 'population-basic'
        ? ['name', 'idNumber', 'ethnicity', 'address']
        : undefined,
};

const department = (code: string) => `  - code: ${code}
    name: { zh: 部门${code}, en: Department ${code} }
    contact: { phone: '12345', address: 一楼 }
`;

const matter = (code: string, materials: string, extra = '') => `  - code: ${code}
    name: { zh: 事项${code}, en: Matter ${code} }
    department: amr
    kind: licence
    legalBasis: [《中华人民共和国行政许可法》]
    promisedLimit: { workingDays: 5 }
    applicantTypes: [company]
    channels: [online]
    trips: 0
    materials: ${materials}
${extra}`;

function write(materials: string, matters: string, bundles = ''): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-catalog-hub-'));
  dirs.push(dir);
  fs.writeFileSync(
    path.join(dir, 'catalog.yaml'),
    `departments:\n${['amr', 'psb', 'nra'].map(department).join('')}materials:\n${materials}matters:\n${matters}${bundles}`,
  );
  return dir;
}

const LICENCE = `  - id: licence
    name: { zh: 营业执照, en: Licence }
    satisfiedBy: { datahub: { source: amr, item: company-register, fields: [name, creditCode] } }
`;
const IDENTITY = `  - id: identity
    name: { zh: 身份证明, en: Identity }
    satisfiedBy: { datahub: { source: psb, item: population-basic, fields: [name] }, upload: true }
`;
const PLANNING = `  - id: planning
    name: { zh: 规划许可, en: Planning permit }
    satisfiedBy: { datahub: { source: nra, item: planning-register } }
`;

function problemsOf(dir: string): CatalogProblem[] {
  try {
    loadCatalog(dir, { dataHub: HUB });
  } catch (error) {
    if (error instanceof CatalogError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the catalog to fail');
}

describe('data hub fields in the catalog (minimisation)', () => {
  it('gives each guide the fields its matters declare, the material’s by default', () => {
    const catalog = loadCatalog(
      write(
        LICENCE + IDENTITY,
        matter('a-one', '[licence, identity]') +
          matter('a-two', '[{ id: licence, fields: [name, address] }, identity]'),
        `bundles:
  - code: both
    name: { zh: 两件, en: Both }
    applicantTypes: [company]
    promisedLimit: { workingDays: 5 }
    steps:
      - { id: one, matter: a-one }
      - { id: two, matter: a-two }
`,
      ),
      { dataHub: HUB },
    );
    const licence = catalog.matter('a-two')?.materials.find((m) => m.id === 'licence');
    expect(licence?.datahub).toEqual({
      source: 'amr',
      item: 'company-register',
      fields: ['name', 'address'],
    });
    const merged = catalog.bundle('both')?.materials.find((m) => m.id === 'licence');
    expect(merged?.datahub?.fields).toEqual(['name', 'creditCode', 'address']);
    expect(merged?.fieldsByStep).toEqual({
      one: ['name', 'creditCode'],
      two: ['name', 'address'],
    });
    expect(catalog.unconnected).toEqual([]);
  });

  it('names a field the item lacks, a fetched item without fields, fields where nothing is fetched and an item the hub does not share', () => {
    const dir = write(
      LICENCE.replace('fields: [name, creditCode]', 'fields: [name, salary]') +
        IDENTITY.replace(', fields: [name]', '') +
        `  - id: photo
    name: { zh: 照片, en: Photo }
    satisfiedBy: { datahub: { source: psb, item: id-photo, fields: [photoRef] }, upload: true }
`,
      matter('a-one', '[licence, identity, { id: photo, satisfiedBy: [upload], fields: [photoRef] }]'),
    );
    const problems = problemsOf(dir);
    expect(problems.map((p) => p.rule).sort()).toEqual([
      'datahub-fields-missing',
      'fields-without-datahub',
      'unknown-data-field',
      'unknown-data-item',
    ]);
    expect(problems.find((p) => p.rule === 'unknown-data-field')?.message).toContain('"salary"');
    expect(problems.find((p) => p.rule === 'datahub-fields-missing')?.message).toContain(
      '"identity"',
    );
    expect(problems.find((p) => p.rule === 'unknown-data-item')?.message).toContain('id-photo');
  });
});

describe('materials of sources the hub does not connect (nothing counts as fetched that is not)', () => {
  it('asks them as uploads, lists them, and no longer calls the matter paperless', () => {
    const catalog = loadCatalog(
      write(
        LICENCE + PLANNING,
        matter('a-one', '[licence, planning]', '    paperless: true\n'),
      ),
      { dataHub: HUB },
    );
    const guide = catalog.matter('a-one');
    const planning = guide?.materials.find((m) => m.id === 'planning');
    expect(planning?.satisfiedBy).toEqual(['upload']);
    expect(planning?.datahub).toBeUndefined();
    expect(planning?.notConnected).toEqual({ source: 'nra', item: 'planning-register' });
    expect(planning?.upload?.mediaTypes.length).toBeGreaterThan(0);
    expect(guide?.materials.find((m) => m.id === 'licence')?.satisfiedBy).toEqual(['datahub']);
    expect(guide?.paperless).toBe(false);
    expect(catalog.unconnected).toEqual([
      {
        material: 'planning',
        name: { zh: '规划许可', en: 'Planning permit' },
        source: 'nra',
        item: 'planning-register',
        matters: ['a-one'],
      },
    ]);
  });

  it('without a hub directory counts every source as connected (catalogs checked on their own)', () => {
    const catalog = loadCatalog(write(LICENCE + PLANNING, matter('a-one', '[licence, planning]')));
    const planning = catalog.matter('a-one')?.materials.find((m) => m.id === 'planning');
    expect(planning?.satisfiedBy).toEqual(['datahub']);
    expect(catalog.unconnected).toEqual([]);
  });
});
