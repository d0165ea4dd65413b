import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogError, formatProblem, loadCatalog } from '../catalog/index.js';
import { ledgerLines, monthRange, rankClerks, tierOf, type PointsFact } from './points.js';
import { loadWindowStaffRules, WINDOW_STAFF_RULES_FILE } from './window-staff.rules.js';

const shipped = path.resolve(import.meta.dirname, '../../../catalog');
const shippedText = fs.readFileSync(path.join(shipped, WINDOW_STAFF_RULES_FILE), 'utf8');
const MATTERS = new Set(['judicial-legal-aid', 'realestate-record-query', 'drc-project-filing']);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The problems of a rules file with `text`, as `line rule message` (the file name left out). */
function problemsOf(text: string, matters: ReadonlySet<string> = MATTERS): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'window-staff-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, WINDOW_STAFF_RULES_FILE), text);
  try {
    loadWindowStaffRules(dir, matters);
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    expect(error.message).toContain(WINDOW_STAFF_RULES_FILE);
    return error.problems.map((p) => formatProblem(p).replace(/^[^:]+:/, ''));
  }
  return [];
}

const MINIMAL = `grades:
  - { id: junior, name: { zh: 初级, en: Junior }, maxDifficulty: 1 }
  - { id: chief, name: { zh: 首席, en: Chief }, maxDifficulty: 2 }
defaultGrade: junior
difficulty:
  levels: [1, 2]
  default: 1
  matters: { drc-project-filing: 2 }
points:
  channels: [window]
  rules:
    - { id: acceptance, kind: acceptance, name: { zh: 受理办件, en: Accepted }, pointsByDifficulty: { 1: 1, 2: 3 } }
    - { id: good-rating, kind: good-rating, name: { zh: 好评, en: Good rating }, minScore: 4, points: 2 }
    - { id: supplement, kind: supplement-requested, name: { zh: 补正, en: Supplement }, points: -3 }
payTiers:
  tiers:
    - { id: high, name: { zh: 一档, en: High }, payFactor: 1.2 }
    - { id: low, name: { zh: 二档, en: Low }, payFactor: 1 }
  grades:
    junior: { basePay: 1, thresholds: [{ minPoints: 5, tier: high }, { tier: low }] }
    chief: { basePay: 1.5, thresholds: [{ minPoints: 10, tier: high }, { tier: low }] }
`;

describe('the window staff rules file', () => {
  it('ships a valid file that gives every catalog matter a difficulty the grades cover', () => {
    const catalog = loadCatalog(shipped);
    const codes = new Set(catalog.matters.map((m) => m.code));
    const rules = loadWindowStaffRules(shipped, codes);
    expect(rules.grades.map((g) => g.name.zh)).toEqual(['初级', '中级', '高级', '首席']);
    const top = rules.grades.find((g) => g.id === 'chief')!;
    for (const code of codes)
      expect(rules.difficultyOf(code)).toBeLessThanOrEqual(top.maxDifficulty);
    expect(rules.rules.map((r) => r.id)).toEqual([
      'acceptance',
      'good-rating',
      'intake-error-supplement',
      'intake-error-returned',
      'commitment-overdue',
    ]);
    // It says where the scheme comes from and that the figures are the county's.
    expect(shippedText).toContain('CASES.md');
    expect(shippedText).toContain('not national law');
  });

  it('names an unknown matter code, grade and tier with their lines', () => {
    const text = MINIMAL.replace(
      'matters: { drc-project-filing: 2 }',
      'matters: { no-such-matter: 2 }',
    )
      .replace('defaultGrade: junior', 'defaultGrade: master')
      .replace('{ minPoints: 10, tier: high }', '{ minPoints: 10, tier: top }');
    expect(problemsOf(text)).toEqual([
      '4:15 unknown-grade defaultGrade: no grade master',
      '8:14 unknown-matter difficulty.matters.no-such-matter: no matter no-such-matter in the catalog',
      '21:64 unknown-tier payTiers.grades.chief.thresholds[0].tier: no tier top',
    ]);
  });

  it('reports schema problems, unknown keys and YAML syntax by file:line:column', () => {
    expect(
      problemsOf(
        MINIMAL.replace('maxDifficulty: 1 }', 'maxDifficulty: one }').replace(
          'channels: [window]',
          'channels: [window]\n  bonus: 3',
        ),
      ),
    ).toEqual([
      expect.stringMatching(/^2:\d+ schema grades\[0\]\.maxDifficulty: /),
      expect.stringMatching(/^11:3 unknown-key points\.bonus: unknown key "bonus"$/),
    ]);
    expect(problemsOf('grades: [\n')[0]).toMatch(/^\d+:\d+ yaml-syntax /);
  });

  it('requires thresholds from the highest down with a last catch-all, and points for every level', () => {
    const text = MINIMAL.replace(
      '[{ minPoints: 5, tier: high }, { tier: low }]',
      '[{ minPoints: 5, tier: high }, { minPoints: 8, tier: low }]',
    ).replace('pointsByDifficulty: { 1: 1, 2: 3 }', 'pointsByDifficulty: { 1: 1 }');
    expect(problemsOf(text).map((p) => p.split(' ').slice(1, 3).join(' '))).toEqual([
      'unknown-difficulty points.rules[0].pointsByDifficulty:',
      'no-catch-all payTiers.grades.junior.thresholds[1]:',
      'threshold-order payTiers.grades.junior.thresholds[1].minPoints:',
    ]);
  });
});

describe('points', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'window-staff-'));
  fs.writeFileSync(path.join(dir, WINDOW_STAFF_RULES_FILE), MINIMAL);
  const rules = loadWindowStaffRules(dir, MATTERS);
  fs.rmSync(dir, { recursive: true });

  it('spans a month in China time', () => {
    expect(monthRange('2026-12')).toEqual({
      from: '2026-11-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
    });
  });

  it('counts each rule once per application and clerk, weighted by difficulty, only in the month', () => {
    const base = { receiptNo: 'YCB1', clerk: 'c1' };
    const facts: PointsFact[] = [
      {
        kind: 'acceptance',
        applicationId: 'a',
        ...base,
        at: '2026-12-02T01:00:00.000Z',
        matters: ['drc-project-filing', 'judicial-legal-aid'],
      },
      { kind: 'supplement-requested', applicationId: 'a', ...base, at: '2026-12-05T01:00:00.000Z' },
      { kind: 'supplement-requested', applicationId: 'a', ...base, at: '2026-12-03T01:00:00.000Z' },
      {
        kind: 'good-rating',
        applicationId: 'a',
        ...base,
        at: '2026-12-06T01:00:00.000Z',
        score: 3,
      },
      {
        kind: 'good-rating',
        applicationId: 'a',
        ...base,
        at: '2026-12-07T01:00:00.000Z',
        score: 4,
      },
      // 1 December 00:30 China time is December; 1 January 00:30 is not.
      {
        kind: 'acceptance',
        applicationId: 'b',
        ...base,
        at: '2026-11-30T16:30:00.000Z',
        matters: ['judicial-legal-aid'],
      },
      {
        kind: 'acceptance',
        applicationId: 'c',
        ...base,
        at: '2026-12-31T16:30:00.000Z',
        matters: ['judicial-legal-aid'],
      },
      // No rule of this kind in the file: nothing counts.
      { kind: 'step-rejected', applicationId: 'a', ...base, at: '2026-12-08T01:00:00.000Z' },
    ];
    expect(
      ledgerLines(rules, '2026-12', facts).map((l) => [l.ruleId, l.applicationId, l.points, l.at]),
    ).toEqual([
      ['acceptance', 'b', 1, '2026-11-30T16:30:00.000Z'],
      ['acceptance', 'a', 4, '2026-12-02T01:00:00.000Z'],
      ['supplement', 'a', -3, '2026-12-03T01:00:00.000Z'],
      ['good-rating', 'a', 2, '2026-12-07T01:00:00.000Z'],
    ]);
  });

  it('ranks with shared ranks for ties and gives the tier by grade and points', () => {
    const line = (accountId: string, points: number) => ({
      ruleId: 'acceptance',
      applicationId: accountId + points,
      receiptNo: 'R',
      accountId,
      points,
      at: '2026-12-02T00:00:00.000Z',
    });
    const ranked = rankClerks(
      rules,
      [
        { accountId: 'x', grade: 'chief' },
        { accountId: 'y', grade: 'junior' },
        { accountId: 'z', grade: null },
      ],
      [line('x', 6), line('y', 6), line('z', 1)],
    );
    expect(
      ranked.map((r) => [r.accountId, r.grade.id, r.total, r.rank, r.tier.id, r.payFactor]),
    ).toEqual([
      ['x', 'chief', 6, 1, 'low', 1.5],
      ['y', 'junior', 6, 1, 'high', 1.2],
      ['z', 'junior', 1, 3, 'low', 1],
    ]);
    expect(tierOf(rules, 'chief', 10)).toMatchObject({ tier: { id: 'high' }, payFactor: 1.8 });
    expect(tierOf(rules, 'chief', -20).tier.id).toBe('low');
  });
});
