import type { Clock } from '../../platform/clock/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { LedgerService } from '../ledger/index.js';
import { DatahubErrors } from './datahub.errors.js';
import { findItem } from './datahub.items.js';
import type { DatahubRepo, RequestRow } from './datahub.repo.js';
import type { DatahubService } from './datahub.service.js';

/** The office that answers contested accesses (效能监察). */
export const SUPERVISION_DEPARTMENT = 'supervision';

/** A correction the person proposes to a source's record (数据纠错). */
export interface CorrectionInput {
  source: string;
  item: string;
  field: string;
  proposed: string;
  reason: string;
}

/**
 * Contests of accesses (a task for the supervision office) and corrections of source data
 * (a task for the source department), each recorded in the ledger in the same transaction.
 */
export function createDatahubRequestsService(deps: {
  repo: DatahubRepo;
  clock: Clock;
  ids: IdGenerator;
  ledger: Pick<LedgerService, 'append'>;
  subjectRef(key: string): string;
  datahub: Pick<DatahubService, 'myAccess'>;
  registry: { personById(id: string): Promise<{ id_number: string } | undefined> };
}) {
  const { repo, clock, ids, ledger } = deps;

  async function open(
    p: Principal,
    row: Omit<RequestRow, 'id' | 'status' | 'account_id' | 'created_at'>,
    subjectKey: string,
  ): Promise<RequestRow> {
    const full: RequestRow = {
      ...row,
      id: ids.id(),
      status: 'open',
      account_id: p.accountId,
      created_at: clock.now().toISOString(),
    };
    await repo.transaction(async (tx) => {
      await repo.insertRequest(tx, full);
      await ledger.append(tx, {
        type: 'datahub',
        action: row.kind === 'contest' ? 'data.contested' : 'data.correction-requested',
        actor: p.accountId,
        actorRole: 'self',
        purpose: `${row.kind}:${full.id}`,
        subjectIdNumber: subjectKey,
        data: {
          request: full.id,
          department: row.department,
          body: JSON.parse(row.body) as unknown,
        },
        at: clock.now(),
      });
    });
    return full;
  }

  async function selfKey(p: Principal): Promise<string> {
    const key = p.personId ? (await deps.registry.personById(p.personId))?.id_number : undefined;
    if (!key) throw DatahubErrors.noPerson();
    return key;
  }

  return {
    /** Contests one access to my data: a task for the supervision office. Throws 404 for someone else's access. */
    async contest(p: Principal, accessId: string, reason: string) {
      const access = await deps.datahub.myAccess(p, accessId);
      return present(
        await open(
          p,
          {
            kind: 'contest',
            department: SUPERVISION_DEPARTMENT,
            subject_ref: access.subject_ref,
            access_id: access.id,
            body: JSON.stringify({ reason, purpose: access.purpose }),
          },
          await selfKey(p),
        ),
      );
    },

    /** Proposes a correction of a source record: a task for the source department. Throws 422 for an unknown item or field. */
    async correct(p: Principal, input: CorrectionInput) {
      const item = findItem(input.source, input.item);
      if (!item) throw DatahubErrors.unknownItem(`${input.source}/${input.item}`);
      if (!item.fields.some((f) => f.name === input.field))
        throw DatahubErrors.unknownItem(`${input.source}/${input.item}.${input.field}`);
      const key = await selfKey(p);
      return present(
        await open(
          p,
          {
            kind: 'correction',
            department: input.source,
            subject_ref: deps.subjectRef(key),
            access_id: null,
            body: JSON.stringify(input),
          },
          key,
        ),
      );
    },

    /** The requests a department must answer (supervisor: contests; a source's reviewer: corrections). Throws 403 for others. */
    async forDepartment(p: Principal) {
      if (
        p.kind !== 'staff' ||
        !p.departmentCode ||
        !(p.roles.includes('supervisor') || p.roles.includes('reviewer'))
      )
        throw DatahubErrors.otherDepartment();
      return (await repo.requestsOf(p.departmentCode, 200)).map(present);
    },

    /** The requests I made. */
    async mine(p: Principal) {
      return (await repo.requestsBy(p.accountId, 200)).map(present);
    },
  };
}

function present(r: RequestRow) {
  const body = JSON.parse(r.body) as Record<string, unknown>;
  return {
    id: r.id,
    kind: r.kind,
    department: r.department,
    status: r.status,
    accessId: r.access_id,
    body,
    createdAt: r.created_at,
  };
}

/** The requests service. */
export type DatahubRequestsService = ReturnType<typeof createDatahubRequestsService>;
