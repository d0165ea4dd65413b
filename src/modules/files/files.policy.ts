import type { Principal } from '../../platform/http/index.js';

/** One application that holds a file, as the files module needs to know it. */
export interface FileHolder {
  applicationId: string;
  receiptNo: string;
  materialId: string;
  materialName: { zh: string; en: string } | null;
  applicantPersonId: string | null;
  applicantOrgId: string | null;
  /** The account that submitted the application (the applicant, or the window clerk). */
  submittedBy: string;
  /** The departments with a (not cancelled) task on the application. */
  departments: string[];
}

/** The port to the applications that hold files (the cases module implements it). */
export interface FileHoldersPort {
  holdersOfFile(fileId: string): Promise<FileHolder[]>;
}

/** Why a caller may read a file: as its uploader, or through one application that holds it. */
export type FileReadGrant =
  { as: 'owner' } | { as: 'applicant'; holder: FileHolder } | { as: 'staff'; holder: FileHolder };

/**
 * Who may read an uploaded file (材料查看权限): its uploader, and the applicant of an application
 * holding it (a walk-in's files are uploaded by the clerk); the window clerk who accepted an
 * application holding it; the staff — or a system key — of a department with a task on such an
 * application; and supervision (效能监察). Nobody else: not an administrator, verifier, judge or
 * mediator, nor a clerk or reviewer with no part in the application.
 * `holders` is asked only when the caller is not the uploader. Returns the grant, or null.
 */
export async function fileReadGrant(
  caller: Principal,
  ownerAccountId: string,
  holders: () => Promise<readonly FileHolder[]>,
): Promise<FileReadGrant | null> {
  if (caller.accountId === ownerAccountId) return { as: 'owner' };
  const held = await holders();
  if (caller.kind === 'person' || caller.kind === 'company') {
    const own = held.find((h) => isApplicant(caller, h));
    return own ? { as: 'applicant', holder: own } : null;
  }
  const holder = held.find((h) => mayRead(caller, h));
  return holder ? { as: 'staff', holder } : null;
}

/** The person or company an application is for (its files are theirs, whoever uploaded them). */
function isApplicant(caller: Principal, holder: FileHolder): boolean {
  if (caller.kind === 'company')
    return !!caller.organizationId && holder.applicantOrgId === caller.organizationId;
  return (
    !!caller.personId && !holder.applicantOrgId && holder.applicantPersonId === caller.personId
  );
}

function mayRead(caller: Principal, holder: FileHolder): boolean {
  if (caller.kind === 'staff' && caller.roles.includes('supervisor')) return true;
  if (caller.kind === 'staff' && holder.submittedBy === caller.accountId) return true;
  return caller.departmentCode !== undefined && holder.departments.includes(caller.departmentCode);
}
