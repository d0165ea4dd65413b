import { toRfc3339 } from '../../platform/clock/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { CaseDefinition } from '../cases/index.js';
import { maskIdNumber } from '../identity/index.js';
import { allowedReads, declaredForDepartment } from './datahub.declared.js';
import { DatahubErrors } from './datahub.errors.js';
import type { DataItem } from './datahub.items.js';
import {
  roleOf,
  type DatahubDeps,
  type DatahubQuery,
  type Fetched,
  type PendingAccess,
  type QueryItem,
} from './datahub.service.js';
import { looksLikeCreditCode, subjectsOfApplication } from './datahub.subjects.js';

/** What the queries share with the rest of the data hub service. */
export interface QueryParts {
  fetchOne: (
    item: DataItem,
    subject: string,
    fields: string[],
    purpose: string,
    department: string | null,
  ) => Promise<Fetched>;
  checkSubject: (subject: string) => string;
  /** Records an access in a transaction of its own, or shared with accesses recorded at the same time; resolves once committed. */
  commit: (
    a: PendingAccess,
    purpose: { applicationId: string | null; purpose: string },
  ) => Promise<void>;
}

/**
 * Departments' purpose-bound queries of the data hub (一数一源, 授权使用), minimised field by
 * field, and the record of those refused.
 */
export function createDatahubQueries(
  deps: Pick<DatahubDeps, 'repo' | 'clock' | 'ids' | 'subjectRef' | 'catalog'>,
  parts: QueryParts,
) {
  const { repo, clock, ids } = deps;
  const { fetchOne, checkSubject, commit } = parts;

  /**
   * What the purpose check keeps of an application between queries: its definition is frozen
   * at submission, so it is parsed, and each department's declarations derived, once; the
   * subjects are kept with the form and applicant keys they were derived from.
   */
  interface Known {
    definition: CaseDefinition;
    declared: Map<string, Map<string, Set<string>>>;
    subjects?: { form: string; person: string | null; org: string | null; set: Set<string> };
  }
  const known = new Map<string, Known>();
  const KNOWN_LIMIT = 2000;

  async function knownOf(applicationId: string): Promise<Known | undefined> {
    const hit = known.get(applicationId);
    if (hit) return hit;
    const text = await repo.definition(applicationId);
    if (text === undefined) return undefined;
    const entry: Known = { definition: JSON.parse(text) as CaseDefinition, declared: new Map() };
    if (known.size >= KNOWN_LIMIT) known.delete(known.keys().next().value!);
    known.set(applicationId, entry);
    return entry;
  }

  /** A purpose-bound query once its purpose, department and declarations are checked (see `query`). */
  async function answer(p: Principal, input: DatahubQuery) {
    const applicationId = input.purpose?.applicationId;
    if (!applicationId) throw DatahubErrors.purposeRequired();
    const subject = checkSubject(input.subject);
    if ((p.kind !== 'staff' && p.kind !== 'system') || !p.departmentCode)
      throw DatahubErrors.otherDepartment();
    if (p.kind === 'staff' && !p.roles.includes('reviewer')) throw DatahubErrors.otherDepartment();
    const department = p.departmentCode;
    // One read: the application, its applicant's keys and whether the department has a step.
    const app = await repo.purpose(applicationId, department);
    if (!app) throw DatahubErrors.applicationNotFound();
    if (!app.has_task) throw DatahubErrors.otherDepartment();
    const k = await knownOf(app.id);
    if (!k) throw DatahubErrors.applicationNotFound();
    // Only what the matters of the caller's own steps declare, field by field.
    let declared = k.declared.get(department);
    if (!declared) {
      const def = k.definition;
      declared = declaredForDepartment(
        def,
        department,
        deps.catalog.definition(def.kind, def.code),
      );
      k.declared.set(department, declared);
    }
    const wanted = allowedReads(input.items, declared);
    const s = k.subjects;
    const subjects =
      s && s.form === app.form && s.person === app.person_key && s.org === app.org_key
        ? s.set
        : subjectsOfApplication({
            personKey: app.person_key,
            orgKey: app.org_key,
            form: JSON.parse(app.form) as Record<string, unknown>,
          });
    k.subjects = { form: app.form, person: app.person_key, org: app.org_key, set: subjects };
    if (!subjects.has(subject)) throw DatahubErrors.subjectNotInPurpose();
    const results = await Promise.all(
      wanted.map((w) =>
        fetchOne(w.item, subject, w.fields, app.receipt_no, p.departmentCode ?? null),
      ),
    );
    const down = results.findIndex((r) => r.status === 'unavailable');
    if (down >= 0) throw DatahubErrors.sourceUnavailable(wanted[down]!.item.source);
    const access: PendingAccess = {
      id: ids.id(),
      subjectKey: subject,
      channel: 'query',
      actor: p.accountId,
      role: roleOf(p),
      department: p.departmentCode,
      items: wanted.map((w) => ({ source: w.item.source, item: w.item.item, fields: w.fields })),
    };
    await commit(access, { applicationId: app.id, purpose: app.receipt_no });
    return {
      accessId: access.id,
      purpose: { applicationId: app.id, receiptNo: app.receipt_no },
      subject: looksLikeCreditCode(subject) ? subject : maskIdNumber(subject),
      items: wanted.map((w, i) => {
        const r = results[i]!;
        return {
          source: w.item.source,
          item: w.item.item,
          found: r.status === 'found',
          data: r.status === 'found' ? r.data : null,
        };
      }),
    };
  }

  /** Records a refused query: who asked what, and the code (nothing was read, so not an access). */
  async function refused(p: Principal, input: DatahubQuery, error: AppError): Promise<void> {
    let subjectRef: string | null = null;
    try {
      subjectRef = deps.subjectRef(checkSubject(input.subject));
    } catch {
      // Not a valid number: there is no one to link the refusal to.
    }
    await repo.insertRefusal({
      id: ids.id(),
      at: clock.now().toISOString(),
      actor_account: p.accountId,
      actor_role: roleOf(p),
      department: p.departmentCode ?? null,
      application_id: input.purpose?.applicationId ?? null,
      subject_ref: subjectRef,
      code: error.code,
      items: JSON.stringify(
        input.items.map((i) => ({
          source: i.source,
          item: i.item,
          ...(i.fields ? { fields: i.fields } : {}),
        })),
      ),
    });
  }

  return {
    /**
     * A purpose-bound query (一数一源, 授权使用), minimised field by field: it reads only what
     * the matters of the caller's own steps declare, and one that names no fields gets those,
     * never the whole item. Refused without a purpose (422 DATAHUB_PURPOSE_REQUIRED), for an
     * unknown application (404), for an application without a step of the caller's department
     * (403 DATAHUB_FORBIDDEN), for items its steps do not fetch (403 DATAHUB_FIELD_NOT_DECLARED),
     * for a field beyond the declaration (403 DATAHUB_FIELD_NOT_ALLOWED, naming it) or a subject
     * it is not about (403); 422 for an invalid identity number naming the rule; 503 when a
     * source does not answer. Every refusal is recorded (`refusals`).
     */
    async query(p: Principal, input: DatahubQuery) {
      try {
        return await answer(p, input);
      } catch (error) {
        if (error instanceof AppError && error.status < 500) await refused(p, input, error);
        throw error;
      }
    },

    /** Refused queries, newest first (the supervision office). Throws DATAHUB_FORBIDDEN (403) for anyone else. */
    async refusals(p: Principal, limit = 100) {
      if (!p.roles.includes('supervisor')) throw DatahubErrors.supervisorsOnly();
      const rows = await repo.refusals(Math.min(limit, 500));
      return rows.map((r) => ({
        id: r.id,
        at: toRfc3339(new Date(r.at)),
        actor: r.actor_account,
        actorRole: r.actor_role,
        department: r.department,
        applicationId: r.application_id,
        code: r.code,
        items: JSON.parse(r.items) as QueryItem[],
      }));
    },
  };
}
