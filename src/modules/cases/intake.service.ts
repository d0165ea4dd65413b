import { randomInt } from 'node:crypto';
import type { Clock } from '../../platform/clock/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { SubmitApplication, MaterialEntry } from '../../../shared/contracts/index.js';
import type { CaseDefinition } from './case-definition.js';
import { definitionOf, type CaseFlow } from './case-flow.js';
import type {
  CaseCatalogPort,
  CaseDatahubPort,
  CaseFilesPort,
  CaseRegistryPort,
  CaseStaffPort,
  CaseWindowGradesPort,
} from './case-ports.js';
import type { CaseWriter } from './case-writer.js';
import { CaseErrors } from './cases.errors.js';
import { checkConsent } from './consent.js';
import { actsForApplicant } from './cases.policy.js';
import type { ApplicationRow, CasesQueries, CasesRepo } from './cases.repo.js';
import type { ApplicationsTable } from './cases.tables.js';
import { assessMaterials, datahubRequests, type MaterialState } from './materials.js';

export interface IntakeDeps {
  repo: CasesRepo;
  clock: Clock;
  ids: IdGenerator;
  catalog: CaseCatalogPort;
  registry: CaseRegistryPort;
  files: CaseFilesPort;
  writer: CaseWriter;
  flow: CaseFlow;
  /** The data hub: materials it holds are fetched at submission (absent: marked, not fetched). */
  datahub?: CaseDatahubPort;
  /** The clerk's display name for 原件核验 records (absent: the account name). */
  staff?: Pick<CaseStaffPort, 'displayNames'>;
  /** The clerk's grade must allow every matter of a window intake (absent: any clerk may). */
  windowGrades?: CaseWindowGradesPort;
}

const RECEIPT_ALPHABET = '0123456789';

/** The China-time calendar day (YYYY-MM-DD) of an instant. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

interface ResolvedApplicant {
  kind: ApplicationsTable['applicant_kind'];
  personId: string | null;
  orgId: string | null;
  department: string | null;
  channel: ApplicationsTable['channel'];
  verified: boolean;
}

/**
 * Intake (受理): submission with a one-time notice (一次性告知) or acceptance, 容缺 with
 * commitments, supplying missing materials, refusal (不予受理) and withdrawal.
 */
export function createIntakeService(deps: IntakeDeps) {
  const { repo, clock, ids, catalog, registry, files, writer, flow, datahub } = deps;

  // Once-only: what a department holds is fetched, not asked for (outside the transaction).
  async function fetchFromDatahub(
    p: Principal,
    applicant: { personId: string | null; orgId: string | null },
    form: Record<string, unknown>,
    requests: ReturnType<typeof datahubRequests>,
  ) {
    if (!datahub || requests.length === 0) return undefined;
    return datahub.fetch({ actor: p, applicant, form, materials: requests });
  }

  async function resolveApplicant(
    p: Principal,
    input: SubmitApplication,
    def: CaseDefinition,
  ): Promise<ResolvedApplicant> {
    let resolved: ResolvedApplicant;
    if (p.kind === 'person' || p.kind === 'company') {
      if (input.channel && input.channel !== 'online')
        throw CaseErrors.channelNotAllowed(input.channel);
      resolved =
        p.kind === 'company'
          ? {
              kind: 'company',
              personId: p.personId ?? null,
              orgId: p.organizationId ?? null,
              department: null,
              channel: 'online',
              verified: false,
            }
          : {
              kind: 'person',
              personId: p.personId ?? null,
              orgId: null,
              department: null,
              channel: 'online',
              verified: false,
            };
    } else if (p.roles.includes('clerk') && input.channel !== 'department') {
      // 无差别受理: any clerk accepts any matter, for a walk-in applicant whose identity was checked.
      const channel = input.channel === 'overseas' ? 'overseas' : 'window';
      if (channel === 'overseas' && (!input.remoteVerification || !input.eSignature))
        throw CaseErrors.overseasVerificationRequired();
      const a = input.applicant;
      if (a?.creditCode) {
        const org = await registry.findOrganization(a.creditCode);
        if (!org) throw CaseErrors.applicantRequired();
        resolved = {
          kind: 'company',
          personId: org.legal_representative_id,
          orgId: org.id,
          department: null,
          channel,
          verified: true,
        };
      } else if (a?.idNumber) {
        const person = a.name
          ? await registry.ensurePerson({ idNumber: a.idNumber, name: a.name })
          : await registry.findPerson(a.idNumber);
        if (!person) throw CaseErrors.applicantRequired();
        resolved = {
          kind: 'person',
          personId: person.id,
          orgId: null,
          department: null,
          channel,
          verified: true,
        };
      } else throw CaseErrors.applicantRequired();
    } else if ((p.kind === 'staff' || p.kind === 'system') && p.departmentCode) {
      // 部门间办事: the applicant is itself a department.
      if (input.channel && input.channel !== 'department')
        throw CaseErrors.channelNotAllowed(input.channel);
      resolved = {
        kind: 'department',
        personId: null,
        orgId: null,
        department: p.departmentCode,
        channel: 'department',
        verified: false,
      };
    } else {
      throw CaseErrors.channelNotAllowed(input.channel ?? 'online');
    }
    if (!def.applicantTypes.includes(resolved.kind))
      throw CaseErrors.applicantTypeNotAllowed(resolved.kind);
    return resolved;
  }

  return {
    /**
     * Submits an application. Missing or invalid materials give `deficient` with the
     * one-time notice listing all of them; otherwise it is accepted and every ready step
     * opens at once. The same Idempotency-Key returns the first application and creates nothing.
     * An online submission that fetches data needs the applicant's consent (授权调取), kept
     * with it. Throws CATALOG_*_NOT_FOUND (404), CASE_INVALID_FORM / CASE_INVALID_MATERIALS /
     * CASE_CONSENT_REQUIRED (422); at a window, whatever the grades port throws for a clerk
     * whose grade may not accept the matters (WINDOW_GRADE_NOT_ALLOWED, 403).
     */
    async submit(
      p: Principal,
      input: SubmitApplication,
      idempotencyKey?: string,
    ): Promise<{ id: string; replayed: boolean }> {
      if (idempotencyKey) {
        const existing = await repo.findByIdempotencyKey(p.accountId, idempotencyKey);
        if (existing) return { id: existing.id, replayed: true };
      }
      if (!input.bundle === !input.matter) throw CaseErrors.subjectRequired();
      const kind = input.bundle ? 'bundle' : 'matter';
      const code = (input.bundle ?? input.matter) as string;
      const def = catalog.definition(kind, code);
      if (!def) throw CaseErrors.unknownSubject(kind, code);
      const formIssues = catalog.validateForm(def, input.form);
      if (formIssues.length > 0) throw CaseErrors.invalidForm(formIssues);
      const originals = [...new Set(input.originals ?? [])];
      const unknownOriginals = (input.originals ?? []).flatMap((m, i) =>
        def.materials.some((x) => x.id === m)
          ? []
          : [{ path: `originals.${i}`, code: 'unknown_material', message: `no material ${m}` }],
      );
      if (unknownOriginals.length > 0) throw CaseErrors.unknownOriginals(unknownOriginals);
      const applicant = await resolveApplicant(p, input, def);
      if (applicant.channel === 'window' || applicant.channel === 'overseas')
        await deps.windowGrades?.assertMayAccept(
          p.accountId,
          def.steps.map((s) => s.matter),
        );
      if (originals.length > 0 && applicant.channel !== 'window')
        throw CaseErrors.originalsNotAllowed();
      // Read before the transaction: SQLite has one connection.
      const clerkName =
        originals.length > 0
          ? ((await deps.staff?.displayNames([p.accountId]))?.get(p.accountId) ?? p.username)
          : p.username;
      const now = clock.now();
      const requests = datahubRequests(def, input.materials);
      // 授权调取: nothing is read about the applicant before the consent is checked.
      const consent = checkConsent(applicant.channel, input.consent, requests);
      const fetched = await fetchFromDatahub(p, applicant, input.form, requests);
      const assessed = await assessMaterials(def, input.materials, {
        files,
        submitter: p.accountId,
        today: chinaDay(now),
        datahub: fetched?.outcomes,
      });
      if (assessed.issues.length > 0) throw CaseErrors.invalidMaterials(assessed.issues);
      const deficient = assessed.notice.length > 0;

      const create = repo.transaction(async (tx) => {
        const row = await insertWithReceipt(tx, {
          id: ids.id(),
          subject_kind: kind,
          subject_code: code,
          title: def.name.zh,
          applicant_kind: applicant.kind,
          applicant_person_id: applicant.personId,
          applicant_org_id: applicant.orgId,
          applicant_department: applicant.department,
          submitted_by: p.accountId,
          channel: applicant.channel,
          status: deficient ? 'deficient' : 'accepted',
          definition: JSON.stringify(def),
          form: JSON.stringify(input.form),
          materials: JSON.stringify(assessed.states),
          context: '{}',
          notice: deficient
            ? JSON.stringify({ issuedAt: now.toISOString(), items: assessed.notice })
            : null,
          accepted_at: null,
          due_at: null,
          completed_at: null,
          alert: 'normal',
          paused_since: null,
          idempotency_scope: idempotencyKey ? p.accountId : null,
          idempotency_key: idempotencyKey ?? null,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        });
        await fetched?.record(tx.handle, { id: row.id, receiptNo: row.receipt_no });
        await writer.act(tx, row, {
          type: 'submitted',
          actor: p,
          data: { subject: `${kind}:${code}`, materials: input.materials.length },
        });
        if (consent) {
          await tx.insertConsent({
            id: ids.id(),
            application_id: row.id,
            account_id: p.accountId,
            given_by: consent.by,
            given_at: now.toISOString(),
            previewed_at: consent.previewedAt,
            items: JSON.stringify(consent.items),
          });
          await writer.act(tx, row, { type: 'consented', actor: p, data: { ...consent } });
        }
        if (applicant.verified) {
          await writer.act(tx, row, {
            type: 'identity-verified',
            actor: p,
            data: {
              method: input.remoteVerification?.method ?? 'id-card',
              reference: input.remoteVerification?.reference ?? null,
            },
          });
        }
        if (originals.length > 0) {
          // 原件核验: which material's original, which clerk, when — a record and a history action.
          await tx.insertOriginals(
            originals.map((material) => ({
              id: ids.id(),
              application_id: row.id,
              material_id: material,
              clerk_account: p.accountId,
              clerk_name: clerkName,
              at: now.toISOString(),
            })),
          );
          await writer.act(tx, row, {
            type: 'originals-verified',
            actor: p,
            data: { materials: originals, clerkName, at: now.toISOString() },
          });
        }
        if (input.eSignature)
          await writer.act(tx, row, { type: 'e-signed', actor: p, data: input.eSignature });
        if (deficient) {
          await writer.act(tx, row, {
            type: 'deficient',
            actor: p,
            data: {
              items: assessed.notice.map((n) => ({ material: n.material, reason: n.reason })),
            },
          });
          await writer.emit(tx, {
            type: 'application.deficient',
            applicationId: row.id,
            receiptNo: row.receipt_no,
            recipientAccount: p.accountId,
            data: { items: assessed.notice.length },
          });
        } else {
          await flow.accept(tx, row, p, assessed.states);
        }
        return row;
      });
      try {
        return { id: (await create).id, replayed: false };
      } catch (error) {
        // Two racing submissions with one key: the loser's transaction rolls back on the
        // unique index and it returns the winner's application.
        const existing = idempotencyKey
          ? await repo.findByIdempotencyKey(p.accountId, idempotencyKey)
          : undefined;
        if (existing) return { id: existing.id, replayed: true };
        throw error;
      }
    },

    /**
     * Supplies materials: for a deficient application the items of the one-time notice (it is
     * accepted once nothing is missing); for a task waiting on a supplement (补正) the items
     * asked for, which resumes the clock. Throws CASE_ILLEGAL_TRANSITION otherwise.
     */
    async supply(p: Principal, applicationId: string, entries: MaterialEntry[]): Promise<void> {
      const app = await repo.findApplication(applicationId);
      if (!app) throw CaseErrors.notFound();
      if (!actsForApplicant(p, app)) throw CaseErrors.forbidden();
      const def = definitionOf(app);
      const now = clock.now();
      const previous = JSON.parse(app.materials) as MaterialState[];
      const fetched = await fetchFromDatahub(
        p,
        { personId: app.applicant_person_id, orgId: app.applicant_org_id },
        JSON.parse(app.form) as Record<string, unknown>,
        datahubRequests(def, entries, previous),
      );
      const assessed = await assessMaterials(def, entries, {
        files,
        submitter: p.accountId,
        today: chinaDay(now),
        previous,
        datahub: fetched?.outcomes,
      });
      if (assessed.issues.length > 0) throw CaseErrors.invalidMaterials(assessed.issues);
      await repo.transaction(async (tx) => {
        await tx.lockApplication(app.id);
        const fresh = await tx.findApplication(app.id);
        if (!fresh) throw CaseErrors.notFound();
        const tasks = await tx.tasksOf(app.id);
        const waiting = tasks.filter((t) => t.status === 'supplement');
        if (
          fresh.status !== 'deficient' &&
          waiting.length === 0 &&
          !previous.some((m) => m.state === 'committed')
        ) {
          throw CaseErrors.illegalTransition({ zh: '补充材料', en: 'supply materials' });
        }
        await tx.updateApplication(app.id, {
          materials: JSON.stringify(assessed.states),
          updated_at: now.toISOString(),
        });
        await fetched?.record(tx.handle, { id: app.id, receiptNo: app.receipt_no });
        await writer.act(tx, fresh, {
          type: 'materials-supplied',
          actor: p,
          data: { materials: entries.map((e) => e.material) },
        });
        // A 容缺 commitment handed in closes its follow-up.
        for (const f of await tx.followUpsOf(app.id)) {
          const state = assessed.states.find((s) => s.material === f.material_id);
          if (f.kind === 'commitment' && f.status !== 'done' && state?.state === 'uploaded') {
            await tx.updateFollowUp(f.id, { status: 'done', closed_at: now.toISOString() });
            await writer.act(tx, fresh, {
              type: 'commitment-fulfilled',
              actor: p,
              data: { material: f.material_id },
            });
          }
        }
        if (fresh.status === 'deficient') {
          const notice = assessed.notice;
          await tx.updateApplication(app.id, {
            notice:
              notice.length > 0
                ? JSON.stringify({ issuedAt: now.toISOString(), items: notice })
                : fresh.notice,
          });
          if (notice.length === 0) await flow.accept(tx, fresh, p, assessed.states);
          return;
        }
        for (const task of waiting) {
          const pausedMs = task.paused_since
            ? flow.pausedMillis(new Date(task.paused_since), now)
            : 0;
          const due = task.due_at ? flow.extend(new Date(task.due_at), pausedMs) : null;
          await tx.updateTask(task.id, {
            status: task.assignee ? 'claimed' : 'open',
            paused_since: null,
            due_at: due?.toISOString() ?? null,
          });
          await writer.act(tx, fresh, {
            type: 'supplement-answered',
            actor: p,
            taskId: task.id,
            data: { pausedWorkingMillis: pausedMs },
          });
          if (fresh.due_at) {
            const appDue = flow.extend(new Date(fresh.due_at), pausedMs);
            await tx.updateApplication(app.id, { due_at: appDue.toISOString() });
            fresh.due_at = appDue.toISOString();
          }
        }
      });
    },

    /** 不予受理: a clerk refuses a deficient application with a reason. */
    async refuse(p: Principal, applicationId: string, reason: string): Promise<void> {
      await repo.transaction(async (tx) => {
        await tx.lockApplication(applicationId);
        const app = await tx.findApplication(applicationId);
        if (!app) throw CaseErrors.notFound();
        if (!p.roles.includes('clerk') && app.submitted_by !== p.accountId)
          throw CaseErrors.forbidden();
        if (app.status !== 'deficient')
          throw CaseErrors.illegalTransition({ zh: '不予受理', en: 'refuse intake' });
        await writer.act(tx, app, { type: 'refused', actor: p, data: { reason } });
      });
    },

    /** Withdrawal by the applicant: open steps are cancelled. */
    async withdraw(p: Principal, applicationId: string, reason?: string): Promise<void> {
      await repo.transaction(async (tx) => {
        await tx.lockApplication(applicationId);
        const app = await tx.findApplication(applicationId);
        if (!app) throw CaseErrors.notFound();
        if (!actsForApplicant(p, app)) throw CaseErrors.forbidden();
        if (!['deficient', 'accepted', 'paused'].includes(app.status))
          throw CaseErrors.illegalTransition({ zh: '撤回', en: 'withdraw' });
        for (const t of await tx.tasksOf(app.id)) {
          if (['pending', 'open', 'claimed', 'supplement', 'paused'].includes(t.status)) {
            await tx.updateTask(t.id, {
              status: 'cancelled',
              decided_at: clock.now().toISOString(),
            });
          }
        }
        await writer.act(tx, app, {
          type: 'withdrawn',
          actor: p,
          data: { reason: reason ?? null },
        });
      });
    },
  };

  async function insertWithReceipt(
    tx: CasesQueries,
    row: Omit<ApplicationRow, 'receipt_no'>,
  ): Promise<ApplicationRow> {
    for (let attempt = 0; ; attempt++) {
      const day = chinaDay(clock.now()).replaceAll('-', '');
      const serial = Array.from(
        { length: 8 },
        () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)],
      ).join('');
      const full = { ...row, receipt_no: `YCB${day}${serial}` };
      const clash = await tx.findByReceipt(full.receipt_no);
      if (!clash) {
        await tx.insertApplication(full);
        return full;
      }
      if (attempt >= 5) throw new Error('could not allocate a receipt number');
    }
  }
}

export type IntakeService = ReturnType<typeof createIntakeService>;
