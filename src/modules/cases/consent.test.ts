import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/index.js';
import type { CaseDatahubRequest } from './case-ports.js';
import { checkConsent } from './consent.js';

const request = (material: string, item = 'population-basic'): CaseDatahubRequest => ({
  material,
  datahub: { source: 'psb', item },
  departments: ['amr'],
});
const requests = [request('officer-identity'), request('household', 'household-register')];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return undefined;
}

describe('授权调取 rules', () => {
  it('asks an online applicant for consent only when something is fetched', () => {
    expect(codeOf(() => checkConsent('online', undefined, requests))).toBe('CASE_CONSENT_REQUIRED');
    expect(checkConsent('online', undefined, [])).toBeNull();
    expect(checkConsent('online', { fetch: true }, [])).toBeNull();
  });

  it('records every fetched item, with the fields the applicant was shown', () => {
    const record = checkConsent(
      'online',
      {
        fetch: true,
        previewedAt: '2026-12-01T01:58:00Z',
        items: [
          {
            material: 'officer-identity',
            source: 'psb',
            item: 'population-basic',
            fields: ['name'],
          },
          { material: 'household', source: 'psb', item: 'household-register' },
        ],
      },
      requests,
    );
    expect(record).toEqual({
      by: 'applicant',
      previewedAt: '2026-12-01T09:58:00+08:00',
      items: [
        { material: 'officer-identity', source: 'psb', item: 'population-basic', fields: ['name'] },
        { material: 'household', source: 'psb', item: 'household-register', fields: null },
      ],
    });
  });

  it('refuses named items that leave out, or differ from, what is fetched', () => {
    const only = [{ material: 'officer-identity', source: 'psb', item: 'population-basic' }];
    expect(codeOf(() => checkConsent('online', { fetch: true, items: only }, requests))).toBe(
      'CASE_CONSENT_REQUIRED',
    );
    const wrong = [...only, { material: 'household', source: 'psb', item: 'population-basic' }];
    expect(codeOf(() => checkConsent('window', { fetch: true, items: wrong }, requests))).toBe(
      'CASE_CONSENT_REQUIRED',
    );
  });

  it('exempts the window and overseas points, and records a clerk’s statement when sent', () => {
    expect(checkConsent('window', undefined, requests)).toBeNull();
    expect(checkConsent('overseas', undefined, requests)).toBeNull();
    expect(checkConsent('window', { fetch: true }, requests)?.by).toBe('clerk');
    expect(checkConsent('department', { fetch: true }, requests)).toBeNull();
  });
});
