import type { Kysely } from 'kysely';
import type { Database } from '../../schema.js';
import type { FieldIssue } from '../../platform/errors/index.js';
import type { CaseDefinition, TimeLimit } from './case-definition.js';

/** An entry the case engine asks the ledger to append, in the same transaction as the change. */
export interface CaseLedgerEntry {
  action: string;
  actor: string;
  actorRole: string;
  /** The application's receipt number: what the entry is for. */
  purpose: string;
  /** The applicant's identity number; the ledger stores only its HMAC. */
  subjectIdNumber: string | null;
  /** The data the entry concerns; the ledger stores only its hash. */
  data: unknown;
  at: Date;
}

/** The ledger as the case engine uses it. */
export interface CaseLedgerPort {
  append(tx: Kysely<Database>, entry: CaseLedgerEntry): Promise<void>;
}

/** A domain event leaving the case engine (outbox: written in the same transaction). */
export interface CaseEvent {
  type:
    | 'application.accepted'
    | 'application.deficient'
    | 'application.completed'
    | 'application.rejected'
    | 'task.opened'
    | 'task.decided'
    | 'task.escalated'
    | 'supplement.requested'
    | 'follow-up.assigned'
    | 'follow-up.overdue'
    | 'follow-up.closed'
    | 'commitment.overdue';
  applicationId: string;
  receiptNo: string;
  taskId?: string;
  departmentCode?: string;
  /** Who should hear of it: the applicant's account, a department. */
  recipientAccount?: string;
  /** The staff account a follow-up belongs to, who hears of it first. */
  ownerAccount?: string;
  data: Record<string, unknown>;
  at: Date;
}

/** Where case events go (webhooks of departments, notifications). */
export interface CaseEventsPort {
  emit(tx: Kysely<Database>, event: CaseEvent): Promise<void>;
}

/** The catalog as the case engine uses it: frozen definitions and form validation. */
export interface CaseCatalogPort {
  definition(kind: 'matter' | 'bundle', code: string): CaseDefinition | undefined;
  validateForm(def: CaseDefinition, form: Record<string, unknown>): FieldIssue[];
}

/** The working-day calendar as the case engine uses it. */
export interface CaseCalendarPort {
  /** The due time `limit` after `from` (the day of `from` not counted). */
  due(from: Date, limit: TimeLimit): Date;
  /** Office time between two instants, in milliseconds. */
  workingMillisBetween(from: Date, to: Date): number;
  /** `from` moved on by `ms` of office time. */
  addWorkingMillis(from: Date, ms: number): Date;
  /** `from` moved on by `days` working days (for follow-up limits). */
  addWorkingDays(from: Date, days: number): Date;
  /** The years between two instants without an official notice (counted provisionally, 预计). */
  provisionalYears(from: Date, to: Date): number[];
}

/** Persons and organisations as the case engine uses them. */
export interface CaseRegistryPort {
  findPerson(
    idNumber: string,
  ): Promise<{ id: string; id_number: string; name: string } | undefined>;
  ensurePerson(input: {
    idNumber: string;
    name: string;
  }): Promise<{ id: string; id_number: string; name: string }>;
  findOrganization(
    creditCode: string,
  ): Promise<
    | { id: string; credit_code: string; name: string; legal_representative_id: string | null }
    | undefined
  >;
  /** `tx`: read inside the caller's transaction (SQLite has one connection). */
  personById(
    id: string,
    tx?: Kysely<Database>,
  ): Promise<{ id: string; id_number: string; name: string } | undefined>;
  organizationById(
    id: string,
  ): Promise<{ id: string; credit_code: string; name: string } | undefined>;
}

/** Staff accounts as the case engine uses them (who owns a follow-up). */
export interface CaseStaffPort {
  /** The department's lead who answers for its follow-ups (the first by account name), if any. */
  leadOf(departmentCode: string, tx: Kysely<Database>): Promise<string | null>;
  /** Display names of accounts, by id. */
  displayNames(accountIds: string[]): Promise<Map<string, string>>;
}

/** Who may accept what at the window (考级): asked before a clerk's window intake is kept. */
export interface CaseWindowGradesPort {
  /** Throws (a 403 naming grade and matters) when the clerk's grade may not accept one of `matters`. */
  assertMayAccept(clerkAccountId: string, matters: string[]): Promise<void>;
}

/** Attachments as the case engine uses them. */
export interface CaseFilesPort {
  describe(
    fileIds: string[],
  ): Promise<
    Map<string, { fileId: string; size: number; mediaType: string; ownerAccountId: string }>
  >;
}

/** What the data hub fetched for one material at submission: a reference, never the data itself. */
export interface CaseDatahubFetched {
  source: string;
  item: string;
  /** The persons or organisations read, masked (330681********1233). */
  subjects: string[];
  fields: string[];
  /** The access records (see GET /api/v1/me/data-access), one per subject. */
  accessIds: string[];
  fetchedAt: string;
}

/**
 * The data hub's answer for one material: what it fetched, or why nothing was (`not-connected`:
 * the hub does not connect the item's source, or no fields are declared for it). Nothing
 * counts as fetched that was not: every failure is asked from the applicant.
 */
export type CaseDatahubOutcome =
  | { ok: true; fetched: CaseDatahubFetched }
  | { ok: false; reason: 'no-record' | 'unavailable' | 'no-subject' | 'not-connected' };

/** One material the case engine asks the data hub for. */
export interface CaseDatahubRequest {
  material: string;
  /** `fields`: the declared fields, the only ones fetched (none declared: nothing is). */
  datahub: { source: string; item: string; fields?: string[] };
  /** The departments of the steps that need it (who the data is read for). */
  departments: string[];
}

/**
 * The data hub as the case engine uses it (once-only 一数一源): fetch outside the transaction,
 * then `record` the accesses in the submission's transaction, before anything is kept.
 */
export interface CaseDatahubPort {
  fetch(input: {
    actor: { accountId: string; kind: string; roles: string[] };
    applicant: { personId: string | null; orgId: string | null };
    form: Record<string, unknown>;
    materials: CaseDatahubRequest[];
  }): Promise<{
    outcomes: Map<string, CaseDatahubOutcome>;
    record(tx: Kysely<Database>, application: { id: string; receiptNo: string }): Promise<void>;
  }>;
}
