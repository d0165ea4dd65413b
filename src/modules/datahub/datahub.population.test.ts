import { describe, expect, it } from 'vitest';
import { validateCreditCode, validateIdNumber } from '../identity/index.js';
import { generatePopulation } from './datahub.population.js';

const at = new Date('2026-12-01T02:00:00Z');
const all = (seed: number, people = 500) => [...generatePopulation({ people, seed, at })];

describe('synthetic population', () => {
  it('is deterministic from the seed and has exactly the people asked for', () => {
    const a = all(7);
    const b = all(7);
    expect(a.flatMap((s) => s.rows)).toEqual(b.flatMap((s) => s.rows));
    expect(a.at(-1)?.report.people).toBe(500);
    expect(all(8).flatMap((s) => s.rows)).not.toEqual(a.flatMap((s) => s.rows));
  });

  it('gives everyone a valid Zhejiang identity number, unique, and companies valid credit codes with officers', () => {
    const rows = all(3, 2000).flatMap((s) => s.rows);
    const people = rows.filter((r) => r.item === 'population-basic');
    expect(new Set(people.map((p) => p.subject_key)).size).toBe(people.length);
    for (const p of people) {
      expect(validateIdNumber(p.subject_key, at).ok, p.subject_key).toBe(true);
      expect(p.subject_key.startsWith('33')).toBe(true);
    }
    const companies = rows.filter((r) => r.item === 'company-register');
    expect(companies.length).toBeGreaterThan(0);
    for (const c of companies) {
      expect(validateCreditCode(c.subject_key).ok, c.subject_key).toBe(true);
      expect((JSON.parse(c.data) as { officers: unknown[] }).officers.length).toBeGreaterThan(0);
    }
    // Marriages are symmetric: each spouse's record names the other.
    const marriages = new Map(
      rows
        .filter((r) => r.item === 'marriage-register')
        .map((r) => [
          r.subject_key,
          JSON.parse(r.data) as { status: string; spouseIdNumber?: string },
        ]),
    );
    for (const [id, m] of marriages)
      if (m.status === 'married') expect(marriages.get(m.spouseIdNumber!)?.spouseIdNumber).toBe(id);
    expect(rows.some((r) => r.item === 'birth-register')).toBe(true);
  });
});
