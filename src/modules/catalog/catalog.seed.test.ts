import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, validateForm, type Catalog } from './index.js';

const SEED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../catalog');

let catalog: Catalog;
beforeAll(() => {
  catalog = loadCatalog(SEED);
});

describe('the seed catalog', () => {
  it('has at least 15 departments with account-safe codes and 60 matters', () => {
    expect(catalog.departments.length).toBeGreaterThanOrEqual(15);
    for (const d of catalog.departments) expect(d.code).toMatch(/^[a-z][a-z0-9-]{1,15}$/);
    expect(catalog.matters.length).toBeGreaterThanOrEqual(60);
  });

  it('has the bundles integrators rely on', () => {
    for (const code of ['enterprise-startup', 'ship-clearance', 'newborn']) {
      expect(catalog.bundle(code), code).toBeDefined();
    }
  });

  it('runs company start-up as licence, then seal, bank account and invoices in parallel', () => {
    const guide = catalog.bundle('enterprise-startup')!;
    expect(guide.steps.map((s) => [s.id, s.department, s.after])).toEqual([
      ['licence', 'amr', []],
      ['seal', 'psb', ['licence']],
      ['bank', 'pbc', ['licence']],
      ['invoice', 'tax', ['licence']],
    ]);
    expect(guide.promisedLimit).toEqual({ workingDays: 1 });
    // Nanhu: 23 materials before, 7 after.
    expect(guide.materials).toHaveLength(7);
    expect(new Set(guide.materials.map((m) => m.id)).size).toBe(7);
    for (const step of ['seal', 'bank', 'invoice']) {
      expect(guide.steps.find((s) => s.id === step)?.inputs).toEqual([
        { field: 'creditCode', fromStep: 'licence', claim: 'creditCode' },
      ]);
    }
    expect(guide.provided).toEqual([
      expect.objectContaining({ id: 'business-licence', fromStep: 'licence', credentialType: 'BusinessLicence' }),
    ]);
  });

  it('asks a field several matters need once, and not at all when a step passes it', () => {
    const form = catalog.bundle('enterprise-startup')!.form;
    expect(form.properties.companyName?.['x-steps']).toEqual(['licence', 'seal', 'bank', 'invoice']);
    expect(form.required.filter((f) => f === 'companyName')).toHaveLength(1);
    expect(form.properties.creditCode).toBeUndefined();
    const shared = catalog.bundle('enterprise-startup')!.materials.find((m) => m.id === 'officer-identity');
    expect(shared?.steps).toEqual(['licence', 'seal', 'bank', 'invoice']);
  });

  it('clears a ship with one paperless declaration to four agencies within two hours', () => {
    const guide = catalog.bundle('ship-clearance')!;
    expect(guide.steps.map((s) => s.department).sort()).toEqual(['border', 'customs', 'msa', 'port']);
    for (const step of guide.steps) expect(step.after).toEqual([]);
    expect(guide.promisedLimit).toEqual({ workingHours: 2 });
    expect(guide.paperless).toBe(true);
    for (const m of guide.materials) {
      expect(m.satisfiedBy.every((w) => w === 'datahub' || w === 'credential'), m.id).toBe(true);
    }
  });

  it('registers a birth with the parents identity numbers and shared data only', () => {
    const guide = catalog.bundle('newborn')!;
    expect(guide.steps.map((s) => s.matter)).toEqual([
      'health-birth-certificate',
      'psb-birth-registration',
      'hsb-resident-enrolment',
      'hrss-social-security-card',
    ]);
    expect(guide.form.properties.fatherIdNumber?.format).toBe('id-number');
    expect(guide.form.properties.motherIdNumber?.format).toBe('id-number');
    for (const m of guide.materials) expect(m.satisfiedBy, m.id).toEqual(['datahub']);
    expect(guide.provided.map((p) => p.id)).toEqual(['birth-medical-certificate']);
    // The baby's identity number comes from the household registration.
    expect(guide.form.properties.insuredIdNumber).toBeUndefined();
  });

  it('handles retirement and death with the identity card alone', () => {
    for (const code of ['retirement', 'after-death']) {
      const guide = catalog.bundle(code)!;
      for (const m of guide.materials) expect(m.satisfiedBy, `${code} ${m.id}`).not.toContain('upload');
    }
  });

  it('runs investment approval stage by stage with parallel approvals inside a stage', () => {
    const guide = catalog.bundle('investment-project')!;
    expect(guide.stages.map((s) => s.id)).toEqual(['project-and-land', 'engineering', 'construction', 'completion']);
    const first = guide.stages[0]!.steps;
    const parallel = guide.steps.filter((s) => first.includes(s.id) && s.after.length === 0);
    expect(parallel.length).toBeGreaterThanOrEqual(2);
    const permit = guide.steps.find((s) => s.id === 'planning-permit')!;
    expect(permit.after).toEqual(expect.arrayContaining(first));
  });

  it('has inter-department matters and overseas matters that accept with deficiency', () => {
    expect(catalog.stats.interDepartmentMatters).toBeGreaterThanOrEqual(10);
    const overseas = catalog.matters.filter((m) => m.channels.includes('overseas'));
    expect(overseas.length).toBeGreaterThanOrEqual(5);
    const departments = new Set(overseas.map((m) => m.department.code));
    for (const d of ['notary', 'psb', 'exit-entry', 'realestate', 'judicial']) expect(departments).toContain(d);
    for (const m of overseas) {
      expect(catalog.matter(m.code)!.materials.some((x) => x.allowMissing), m.code).toBe(true);
    }
  });

  it('gives every guide a valid examples[0]', () => {
    const today = new Date();
    for (const m of catalog.matters) {
      const form = catalog.matter(m.code)!.form;
      expect(validateForm(form, form.examples[0], { today }), m.code).toEqual([]);
    }
    for (const b of catalog.bundles) {
      const form = catalog.bundle(b.code)!.form;
      expect(validateForm(form, form.examples[0], { today }), b.code).toEqual([]);
    }
  });

  it('finds the start-up matters by 开公司 and by its pinyin initials', () => {
    const steps = catalog.bundle('enterprise-startup')!.steps.map((s) => s.matter);
    for (const q of ['开公司', 'kgs', 'KGS']) {
      const found = catalog.searchMatters({ q }).map((m) => m.code);
      expect(found, q).toEqual(expect.arrayContaining(steps));
    }
    expect(catalog.searchMatters({ q: 'kgs', department: 'psb' }).map((m) => m.code)).toEqual([
      'psb-seal-engraving',
    ]);
  });

  it('filters by life event, applicant type and department with its sub-departments', () => {
    const births = catalog.searchMatters({ lifeEvent: 'birth' }).map((m) => m.code);
    expect(births).toEqual(expect.arrayContaining(['health-birth-certificate', 'psb-birth-registration']));
    const departmentsOnly = catalog.searchMatters({ applicantType: 'department' });
    expect(departmentsOnly.every((m) => m.applicantTypes.includes('department'))).toBe(true);
    const police = catalog.searchMatters({ department: 'psb' }).map((m) => m.department.code);
    expect(new Set(police)).toEqual(new Set(['psb', 'exit-entry']));
    expect(catalog.searchBundles({ q: 'shs' }).map((b) => b.code)).toEqual(['after-death']);
  });

  it('never promises more than the law allows', () => {
    for (const m of catalog.matters) {
      const g = catalog.matter(m.code)!;
      if (!g.legalLimit) continue;
      const promised = 'workingDays' in g.promisedLimit ? g.promisedLimit.workingDays * 8 : g.promisedLimit.workingHours;
      expect(promised, m.code).toBeLessThanOrEqual(g.legalLimit.workingDays * 8);
    }
  });
});
