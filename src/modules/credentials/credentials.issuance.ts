import type { Kysely } from 'kysely';
import type { Database } from '../../schema.js';
import type { CredentialsCatalogPort, CredentialsService } from './credentials.service.js';

/** The completed application as issuance reads it, in the completing transaction. */
export interface CompletedApplication {
  id: string;
  receiptNo: string;
  /** The frozen definition: each step's department and the credential types it outputs. */
  steps: { id: string; department: string; outputs: { type: string }[] }[];
  form: Record<string, unknown>;
  applicant: { idNumber: string; name: string } | null;
  organization: { creditCode: string; name: string } | null;
  completedAt: Date;
  /**
   * The applicant's own account, which holds the credentials: the submitting account when the
   * applicant applied online, the applicant's account when a clerk took it in at a window;
   * null when the applicant has no account (nothing can hold the credential).
   */
  holderAccount: string | null;
}

/** The application event issuance listens to (the case engine's `application.completed`). */
export interface CompletedEvent {
  type: string;
  applicationId: string;
  receiptNo: string;
  /** The account that applied; the credentials are issued to it. */
  recipientAccount?: string;
  data?: unknown;
}

interface StepResult {
  step: string;
  department: string;
  outputs: Record<string, unknown>;
}

function resultsOf(data: unknown): StepResult[] {
  const results = (data as { results?: unknown } | undefined)?.results;
  if (!Array.isArray(results)) return [];
  return results.flatMap((r: unknown) => {
    const o = r as Partial<StepResult>;
    return typeof o.step === 'string' && typeof o.department === 'string'
      ? [{ step: o.step, department: o.department, outputs: o.outputs ?? {} }]
      : [];
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDateClaim = (claim: string) => /(On|Date|Until)$/.test(claim);

/**
 * A claim's value: what the approved form states (the company's name, its legal
 * representative), else the step's outputs (the credit code the department gave, numbers it
 * generated), else what the application knows of the applicant. A date claim the outputs do
 * not give as a date (a generated serial) is the day the application completed. Throws nothing.
 */
function claimValue(
  claim: string,
  outputs: Record<string, unknown>,
  app: CompletedApplication,
  dateOf: (at: Date) => string,
): unknown {
  const formValue = app.form[claim];
  if (formValue !== undefined && formValue !== null && formValue !== '') return formValue;
  const output = outputs[claim];
  if (isDateClaim(claim)) {
    if (typeof output === 'string' && DATE.test(output)) return output;
    return claim === 'establishedOn' ? dateOf(app.completedAt) : undefined;
  }
  if (output !== undefined) return output;
  switch (claim) {
    case 'companyName':
      return app.organization?.name;
    case 'creditCode':
      return app.organization?.creditCode;
    case 'idNumber':
      return app.applicant?.idNumber;
    case 'name':
      return app.applicant?.name;
    case 'receiptNumber':
      return app.receiptNo;
    default:
      return undefined;
  }
}

/**
 * Issuance from completed applications: every output of an approved step becomes a
 * credential of the account that applied (dedupe `app:<applicationId>:<type>`), its claims
 * from the step's outputs, the form and the applicant, in the completing transaction.
 */
export function createApplicationIssuance(deps: {
  credentials: Pick<CredentialsService, 'issue' | 'dateOf'>;
  catalog: CredentialsCatalogPort;
  /** The application, read in `tx`; undefined when it is gone. */
  application(tx: Kysely<Database>, id: string): Promise<CompletedApplication | undefined>;
}) {
  return {
    /** The case events port's listener: acts on `application.completed`, ignores the rest. */
    async onCaseEvent(tx: Kysely<Database>, event: CompletedEvent): Promise<void> {
      if (event.type !== 'application.completed') return;
      const results = resultsOf(event.data);
      if (results.length === 0) return;
      const app = await deps.application(tx, event.applicationId);
      // Never the clerk's: a window intake's credentials go to the applicant's own account.
      const holder = app?.holderAccount;
      if (!app || !holder) return;
      for (const r of results) {
        const step = app.steps.find((s) => s.id === r.step);
        for (const output of step?.outputs ?? []) {
          const t = deps.catalog.credentialType(output.type);
          if (!t) continue;
          const claims: Record<string, unknown> = {};
          for (const claim of t.claims) {
            const v = claimValue(claim, r.outputs, app, deps.credentials.dateOf);
            if (v !== undefined && v !== null && v !== '') claims[claim] = v;
          }
          const validUntil = typeof claims.validUntil === 'string' ? claims.validUntil : null;
          await deps.credentials.issue(tx, {
            dedupeKey: `app:${app.id}:${output.type}`,
            holderAccount: holder,
            type: output.type,
            issuer: t.issuer ?? r.department,
            source: 'application',
            applicationId: app.id,
            receiptNo: app.receiptNo,
            claims,
            expiresAt: validUntil ? new Date(`${validUntil}T23:59:59+08:00`).toISOString() : null,
            subjectKey:
              (typeof claims.creditCode === 'string' ? claims.creditCode : null) ??
              app.organization?.creditCode ??
              app.applicant?.idNumber ??
              null,
            actor: `department:${r.department}`,
            actorRole: 'issuer',
          });
        }
      }
    },
  };
}
