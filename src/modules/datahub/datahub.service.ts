import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Database } from '../../schema.js';
import type { CaseDatahubOutcome, CaseDatahubPort, CaseDefinition } from '../cases/index.js';
import { parseCreditCode, parseIdNumber, maskIdNumber } from '../identity/index.js';
import { dataHash, type LedgerService } from '../ledger/index.js';
import { DatahubErrors } from './datahub.errors.js';
import { createAccessView } from './datahub.access-view.js';
import { declaredFields } from './datahub.declared.js';
import { createDatahubQueries } from './datahub.query.js';
import { findItem, pickFields, type DataItem } from './datahub.items.js';
import type { DatahubRepo } from './datahub.repo.js';
import { DataSourceUnavailable, type DataSource } from './datahub.sources.js';
import {
  looksLikeCreditCode,
  maskRecord,
  subjectsFor,
  type SubjectContext,
} from './datahub.subjects.js';

/** An application as a purpose of a query (no longer read through it: the data hub's repository reads the purpose in one statement). */
export interface PurposeApplicationsPort {
  findApplication(id: string): Promise<
    | {
        id: string;
        receipt_no: string;
        definition: string;
        form: string;
        applicant_person_id: string | null;
        applicant_org_id: string | null;
      }
    | undefined
  >;
  tasksOf(id: string): Promise<{ department_code: string }[]>;
}

/** What the datahub service is built from. */
export interface DatahubDeps {
  repo: DatahubRepo;
  clock: Clock;
  ids: IdGenerator;
  ledger: Pick<LedgerService, 'append' | 'entriesFor' | 'inclusionProof' | 'latestCheckpoint'>;
  /** The ledger's subject reference (HMAC) of an identity number or credit code. */
  subjectRef(key: string): string;
  /** The adapter of a source department, or undefined when it is not connected. */
  sources(source: string): DataSource | undefined;
  registry: {
    personById(id: string): Promise<{ id_number: string } | undefined>;
    organizationById(id: string): Promise<{ credit_code: string } | undefined>;
  };
  catalog: { definition(kind: 'matter' | 'bundle', code: string): CaseDefinition | undefined };
  departmentName?(code: string): string | undefined;
}

/** One item a query asks for. */
export interface QueryItem {
  source: string;
  item: string;
  /** The fields wanted (default: those the department's matters declare, never all). */
  fields?: string[];
}

/** A purpose-bound query of a department's reviewer or system. */
export interface DatahubQuery {
  subject: string;
  items: QueryItem[];
  purpose?: { applicationId?: string };
}

/** What one source answered for one subject. */
export type Fetched =
  | { status: 'found'; data: Record<string, unknown> }
  | { status: 'no-record' }
  | { status: 'unavailable' };

/** An access about to be recorded (the ledger entry commits to `data`). */
export interface PendingAccess {
  id: string;
  subjectKey: string;
  channel: 'query' | 'submission' | 'preview' | 'proof' | 'proof-check' | 'file' | 'lookup';
  actor: string;
  role: string;
  department: string | null;
  /** The subject's reference when only that is known (an e-proof's holder); `subjectKey` is then ''. */
  subjectRef?: string;
  /** `name` is given where the item is not a data-hub item (a file's material). */
  items: { source: string; item: string; fields: string[]; name?: { zh: string; en: string } }[];
}

/** Who reads for the service centre's windows (clerks belong to no department of the catalog). */
const SERVICE_CENTRE = 'service-centre';
/** What a clerk's look-up reads: the register of persons (登记的人员信息). */
const PERSON_REGISTER = { zh: '人员登记信息', en: 'Register of persons' };

/** The role an access records for a principal. Throws nothing. */
export const roleOf = (p: Pick<Principal, 'kind' | 'roles'>): string =>
  p.kind === 'person' || p.kind === 'company'
    ? 'applicant'
    : p.kind === 'system'
      ? 'system'
      : (p.roles[0] ?? p.kind);

/**
 * The data hub: purpose-bound queries, the case engine's port for materials satisfied by data,
 * the applicant's preview and the person's view of accesses. Every read of personal data is
 * an access row plus a ledger entry in one transaction before the data is handed out.
 */
export function createDatahubService(deps: DatahubDeps) {
  const { repo, clock, ids, ledger } = deps;

  async function fetchOne(
    item: DataItem,
    subject: string,
    fields: string[],
    purpose: string,
    department: string | null,
  ): Promise<Fetched> {
    const source = deps.sources(item.source);
    if (!source) return { status: 'unavailable' };
    try {
      const data = await source.fetch(subject, fields, { item, purpose, department });
      // Minimisation holds even against a source that answers more than it was asked.
      return data
        ? { status: 'found', data: pickFields(item, data, fields) }
        : { status: 'no-record' };
    } catch (error) {
      if (error instanceof DataSourceUnavailable) return { status: 'unavailable' };
      throw error;
    }
  }

  /** Writes access rows (one statement) and their ledger entries in `tx`; nothing is handed out until it commits. */
  async function recordAll(
    tx: Kysely<Database>,
    list: { a: PendingAccess; purpose: { applicationId: string | null; purpose: string } }[],
  ): Promise<void> {
    const at = clock.now();
    const entries = list.map(({ a, purpose }) => ({
      a,
      purpose,
      data: { access: a.id, channel: a.channel, department: a.department, items: a.items },
    }));
    await repo.insertAccesses(
      tx,
      entries.map(({ a, purpose, data }) => ({
        id: a.id,
        subject_ref: a.subjectRef ?? deps.subjectRef(a.subjectKey),
        channel: a.channel,
        actor_account: a.actor,
        actor_role: a.role,
        department: a.department,
        items: JSON.stringify(a.items),
        application_id: purpose.applicationId,
        purpose: purpose.purpose,
        data_hash: dataHash(data),
        at: at.toISOString(),
      })),
    );
    for (const { a, purpose, data } of entries)
      await ledger.append(tx, {
        type: 'datahub',
        action: 'data.accessed',
        actor: a.actor,
        actorRole: a.role,
        purpose: purpose.purpose,
        subjectIdNumber: a.subjectRef ? null : a.subjectKey,
        subjectRef: a.subjectRef,
        data,
        at,
      });
  }

  /** Writes an access row and its ledger entry in `tx`; returns nothing to hand out until it commits. */
  const record = (
    tx: Kysely<Database>,
    a: PendingAccess,
    purpose: { applicationId: string | null; purpose: string },
  ): Promise<void> => recordAll(tx, [{ a, purpose }]);

  /*
   * Group commit: an access waits for the transaction in flight (if any), then all the
   * accesses that queued meanwhile are written in one transaction — each row with its ledger
   * entry, none handed out before that transaction commits. Should the shared transaction
   * fail, each access is tried again in a transaction of its own, so one bad row cannot take
   * the others with it.
   */
  type Queued = {
    a: PendingAccess;
    purpose: { applicationId: string | null; purpose: string };
    done: (error?: Error) => void;
  };
  const asError = (e: unknown) => (e instanceof Error ? e : new Error('transaction failed'));
  const queue: Queued[] = [];
  const BATCH = 200;
  let flushing = false;
  async function flush(): Promise<void> {
    flushing = true;
    while (queue.length > 0) {
      // At most BATCH accesses a transaction (a multi-row insert stays under SQLite's variable limit).
      const batch = queue.splice(0, BATCH);
      try {
        await repo.transaction((tx) => recordAll(tx, batch));
        for (const q of batch) q.done();
      } catch (error) {
        if (batch.length === 1) batch[0]!.done(asError(error));
        else
          for (const q of batch)
            await repo
              .transaction((tx) => record(tx, q.a, q.purpose))
              .then(
                () => q.done(),
                (e: unknown) => q.done(asError(e)),
              );
      }
    }
    flushing = false;
  }
  function commit(
    a: PendingAccess,
    purpose: { applicationId: string | null; purpose: string },
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      queue.push({
        a,
        purpose,
        done: (e) => (e === undefined ? resolve() : reject(e)),
      });
      if (!flushing) void flush();
    });
  }

  /** The identity number (checked) or credit code (checked) a query names. */
  function checkSubject(subject: string): string {
    const s = subject.trim().toUpperCase();
    if (looksLikeCreditCode(s)) return parseCreditCode(s, { path: 'subject' }).value;
    return parseIdNumber(s, clock.now(), 'subject').value;
  }

  const port: CaseDatahubPort = {
    async fetch(input) {
      const ctx: SubjectContext = {
        personKey: input.applicant.personId
          ? ((await deps.registry.personById(input.applicant.personId))?.id_number ?? null)
          : null,
        orgKey: input.applicant.orgId
          ? ((await deps.registry.organizationById(input.applicant.orgId))?.credit_code ?? null)
          : null,
        form: input.form,
      };
      const outcomes = new Map<string, CaseDatahubOutcome>();
      const pending: PendingAccess[] = [];
      await Promise.all(
        input.materials.map(async (m) => {
          const item = findItem(m.datahub.source, m.datahub.item);
          const fields = item ? declaredFields(item, m.datahub.fields) : [];
          // Nothing counts as fetched that was not: a source the hub does not connect (or an
          // item with no declared field, which may read nothing) is asked from the applicant.
          if (!item || !deps.sources(item.source) || fields.length === 0) {
            outcomes.set(m.material, { ok: false, reason: 'not-connected' });
            return;
          }
          const subjects = subjectsFor(m.material, item, ctx);
          if (subjects.length === 0) {
            outcomes.set(m.material, { ok: false, reason: 'no-subject' });
            return;
          }
          const results = await Promise.all(
            subjects.map((s) =>
              fetchOne(item, s, fields, 'submission', m.departments.join(',') || null),
            ),
          );
          const failed = results.find((r) => r.status !== 'found');
          if (failed) {
            outcomes.set(m.material, {
              ok: false,
              reason: failed.status === 'unavailable' ? 'unavailable' : 'no-record',
            });
            return;
          }
          const accesses = subjects.map((s) => ({
            id: ids.id(),
            subjectKey: s,
            channel: 'submission' as const,
            actor: input.actor.accountId,
            role: roleOf({
              kind: input.actor.kind as Principal['kind'],
              roles: input.actor.roles as Principal['roles'],
            }),
            department: m.departments.join(',').slice(0, 200) || null,
            items: [{ source: item.source, item: item.item, fields }],
          }));
          pending.push(...accesses);
          outcomes.set(m.material, {
            ok: true,
            fetched: {
              source: item.source,
              item: item.item,
              subjects: subjects.map((s) => (looksLikeCreditCode(s) ? s : maskIdNumber(s))),
              fields,
              accessIds: accesses.map((a) => a.id),
              fetchedAt: clock.now().toISOString(),
            },
          });
        }),
      );
      return {
        outcomes,
        async record(tx, application) {
          for (const a of pending)
            await record(tx, a, { applicationId: application.id, purpose: application.receiptNo });
        },
      };
    },
  };

  return {
    /** The case engine's port (materials satisfied by data at submission). */
    port,

    /**
     * Records an official's read of an uploaded file of an application, like a data-hub
     * access: an access row the applicant sees in their log, and a ledger entry, in one
     * transaction, before the bytes are handed out.
     */
    async recordFileRead(
      p: Principal,
      read: {
        applicationId: string;
        receiptNo: string;
        applicantPersonId: string | null;
        applicantOrgId: string | null;
        materialId: string;
        materialName: { zh: string; en: string } | null;
        fileName: string;
      },
    ): Promise<void> {
      const subjectKey = read.applicantPersonId
        ? (await deps.registry.personById(read.applicantPersonId))?.id_number
        : read.applicantOrgId
          ? (await deps.registry.organizationById(read.applicantOrgId))?.credit_code
          : undefined;
      // An application of a department itself has no person whose log would show the read.
      if (!subjectKey) return;
      const access: PendingAccess = {
        id: ids.id(),
        subjectKey,
        channel: 'file',
        actor: p.accountId,
        role: roleOf(p),
        department: p.departmentCode ?? null,
        items: [
          {
            source: 'files',
            item: read.materialId,
            fields: [read.fileName],
            ...(read.materialName ? { name: read.materialName } : {}),
          },
        ],
      };
      await commit(access, { applicationId: read.applicationId, purpose: read.receiptNo });
    },

    ...createDatahubQueries(deps, { fetchOne, checkSubject, commit }),

    /**
     * What submitting `kind:code` will fetch about the signed-in applicant, item by item,
     * sensitive fields masked; recorded as an access by the person themself. Throws 403
     * DATAHUB_NO_PERSON without a verified person, 404 for an unknown matter or bundle.
     */
    async preview(p: Principal, kind: 'matter' | 'bundle', code: string) {
      if (!p.personId) throw DatahubErrors.noPerson();
      const def = deps.catalog.definition(kind, code);
      if (!def) throw DatahubErrors.unknownGuide(kind, code);
      const self = (await deps.registry.personById(p.personId))?.id_number;
      if (!self) throw DatahubErrors.noPerson();
      const orgKey = p.organizationId
        ? ((await deps.registry.organizationById(p.organizationId))?.credit_code ?? null)
        : null;
      const ctx: SubjectContext = { personKey: self, orgKey, form: {} };
      const accessId = ids.id();
      const read: { key: string; item: DataItem; fields: string[] }[] = [];
      const items = await Promise.all(
        def.materials
          .filter((m) => m.satisfiedBy.includes('datahub') && m.datahub)
          .map(async (m) => {
            const item = findItem(m.datahub!.source, m.datahub!.item);
            const base = {
              material: m.id,
              name: m.name,
              source: m.datahub!.source,
              item: m.datahub!.item,
            };
            // What the submission would fetch: the declared fields only.
            const names = item ? declaredFields(item, m.datahub!.fields) : [];
            if (!item || !deps.sources(item.source) || names.length === 0)
              return {
                ...base,
                itemName: null,
                status: 'not-connected' as const,
                fields: [],
                data: null,
              };
            const subjects = subjectsFor(m.id, item, ctx);
            const key = subjects.find((s) => s === self || s === orgKey);
            const fields = item.fields
              .filter((f) => names.includes(f.name))
              .map((f) => ({ name: f.name, label: f.label, sensitivity: f.sensitivity }));
            if (!key)
              return {
                ...base,
                itemName: item.name,
                status: 'named-in-form' as const,
                fields,
                data: null,
              };
            const r = await fetchOne(item, key, names, `preview:${accessId}`, null);
            if (r.status === 'found') read.push({ key, item, fields: names });
            return {
              ...base,
              itemName: item.name,
              status: r.status,
              fields,
              data: r.status === 'found' ? maskRecord(item.fields, r.data) : null,
            };
          }),
      );
      const byKey = new Map<string, typeof read>();
      for (const r of read) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
      if (byKey.size > 0) {
        await repo.transaction(async (tx) => {
          let n = 0;
          for (const [key, list] of byKey) {
            await record(
              tx,
              {
                id: n++ === 0 ? accessId : ids.id(),
                subjectKey: key,
                channel: 'preview',
                actor: p.accountId,
                role: 'self',
                department: null,
                items: list.map((r) => ({
                  source: r.item.source,
                  item: r.item.item,
                  fields: r.fields,
                })),
              },
              { applicationId: null, purpose: `preview:${accessId}` },
            );
          }
        });
      }
      return { subject: maskIdNumber(self), items };
    },

    /** Records a read of an e-proof's data: by the person (`proof`) or by a verifier who checked its code (`proof-check`). */
    recordSelfAccess: (
      tx: Kysely<Database>,
      a: Omit<PendingAccess, 'channel' | 'role' | 'department'> & {
        channel?: 'proof' | 'proof-check';
        role?: string;
      },
      purpose: string,
    ) =>
      record(
        tx,
        { channel: 'proof', role: 'self', ...a, department: null },
        { applicationId: null, purpose },
      ),

    /** Records that a verifier read an e-proof's statement by its code, in the holder's access log. */
    recordAccessByRef: (
      tx: Kysely<Database>,
      a: {
        id: string;
        subjectRef: string;
        actor: string;
        items: PendingAccess['items'];
        purpose: string;
      },
    ) =>
      record(
        tx,
        { ...a, subjectKey: '', channel: 'proof-check', role: 'verifier', department: null },
        { applicationId: null, purpose: a.purpose },
      ),

    /**
     * Records a clerk's look-up of a person (the window's applicant look-up, the hand-over
     * search) in `tx`, like any read of personal data: an access row the person sees in their
     * log (channel `lookup`) and its ledger entry. A clerk of no catalog department (the demo's
     * `zwfw`) reads for the service centre's windows.
     */
    recordLookup: (
      tx: Kysely<Database>,
      a: { actor: Principal; idNumber: string; purpose: string; fields: string[] },
    ) =>
      record(
        tx,
        {
          id: ids.id(),
          subjectKey: a.idNumber,
          channel: 'lookup',
          actor: a.actor.accountId,
          role: roleOf(a.actor),
          department:
            a.actor.departmentCode && deps.departmentName?.(a.actor.departmentCode)
              ? a.actor.departmentCode
              : SERVICE_CENTRE,
          items: [{ source: 'identity', item: 'person', fields: a.fields, name: PERSON_REGISTER }],
        },
        { applicationId: null, purpose: a.purpose },
      ),

    ...createAccessView({
      ...deps,
      departmentName: (code) =>
        code === SERVICE_CENTRE ? '政务服务中心综合窗口' : deps.departmentName?.(code),
    }),
  };
}

/** The datahub service. */
export type DatahubService = ReturnType<typeof createDatahubService>;
