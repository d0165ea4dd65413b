import { describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/http/index.js';
import { fileReadGrant, type FileHolder } from './files.policy.js';

const holder: FileHolder = {
  applicationId: 'app-1',
  receiptNo: 'YCB2026120600000001',
  materialId: 'articles',
  materialName: { zh: '公司章程', en: 'Articles of association' },
  applicantPersonId: 'person-1',
  applicantOrgId: null,
  submittedBy: 'clerk-1',
  departments: ['amr', 'tax'],
};
const who = (over: Partial<Principal>): Principal => ({
  accountId: 'someone',
  username: 'someone',
  kind: 'staff',
  roles: [],
  departmentCode: undefined,
  personId: undefined,
  organizationId: undefined,
  sessionId: 's',
  ...over,
});
const grant = (p: Principal) => fileReadGrant(p, 'uploader', async () => [holder]);

describe('fileReadGrant', () => {
  it('lets a window clerk read what a citizen uploaded to an application the clerk accepted', async () => {
    expect(
      await grant(who({ accountId: 'clerk-1', roles: ['clerk'], departmentCode: 'zwfw' })),
    ).toEqual({ as: 'staff', holder });
    expect(
      await grant(who({ accountId: 'clerk-2', roles: ['clerk'], departmentCode: 'zwfw' })),
    ).toBeNull();
  });

  it('lets the applicant read a file someone else uploaded for them, and nobody else outside', async () => {
    expect(await grant(who({ kind: 'person', personId: 'person-1' }))).toEqual({
      as: 'applicant',
      holder,
    });
    expect(await grant(who({ kind: 'person', personId: 'person-2' }))).toBeNull();
    expect(await grant(who({ kind: 'company', organizationId: 'org-1' }))).toBeNull();
  });

  it('asks for the holders only when the caller is not the uploader', async () => {
    let asked = 0;
    const result = await fileReadGrant(
      who({ accountId: 'uploader', kind: 'person' }),
      'uploader',
      async () => {
        asked += 1;
        return [];
      },
    );
    expect(result).toEqual({ as: 'owner' });
    expect(asked).toBe(0);
  });
});
