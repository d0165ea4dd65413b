import type { Clock } from '../../platform/clock/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { CaseStaffPort } from './case-ports.js';
import type { CaseWriter } from './case-writer.js';
import { CaseErrors } from './cases.errors.js';
import type { ApplicationRow, CasesQueries, CasesRepo, FollowUpRow } from './cases.repo.js';

/** What opens a follow-up. */
export interface NewFollowUp {
  kind: FollowUpRow['kind'];
  department: string | null;
  dueAt: Date;
  taskId?: string | null;
  materialId?: string | null;
  note?: string | null;
  /** Who answers for it; by default the department's lead. */
  owner?: string | null;
  /**
   * Whose lead answers for it when no `owner` is named, instead of `department`'s: for an
   * inter-department application, its first-inquiry department (首问负责).
   */
  ownerDepartment?: string | null;
  /** Tell the owner now (false when another event already told them, as an escalation does). */
  notifyOwner?: boolean;
}

/** A follow-up as its work list shows it. */
export type FollowUpListItem = FollowUpRow & {
  receipt_no: string;
  title: string;
  owner_name: string | null;
  overdue: boolean;
};

const RATING_KINDS = new Set<FollowUpRow['kind']>(['rating-callback', 'rating-rectification']);

/**
 * Follow-ups that end (督办): every escalation, rating call-back or rectification and 容缺
 * commitment has a department, an owner (the department's lead unless named) and a due time;
 * when it falls due the owner, the department or the applicant hear of it once; the owner, a
 * lead of its department or the supervision office closes it with an outcome, which the
 * applicant is told, and after a poor rating's follow-ups are closed the applicant may rate again.
 */
export function createFollowUpsService(deps: {
  repo: CasesRepo;
  clock: Clock;
  ids: IdGenerator;
  writer: CaseWriter;
  staff: CaseStaffPort;
}) {
  const { repo, clock, ids, writer, staff } = deps;

  /** Whether `p` answers for the follow-up: its owner, a lead of its department, a supervisor. */
  function mayClose(p: Principal, f: FollowUpRow): boolean {
    if (p.roles.includes('supervisor')) return true;
    if (f.owner_account === p.accountId) return true;
    return (
      p.roles.includes('lead') && !!f.department_code && p.departmentCode === f.department_code
    );
  }

  /** Whether `p` may see the follow-up: who may close it, and reviewers of its department. */
  function maySee(p: Principal, f: FollowUpRow): boolean {
    return (
      mayClose(p, f) ||
      (p.roles.includes('reviewer') &&
        !!f.department_code &&
        p.departmentCode === f.department_code)
    );
  }

  return {
    /** Opens a follow-up in the caller's transaction and tells its owner. */
    async open(tx: CasesQueries, app: ApplicationRow, input: NewFollowUp): Promise<FollowUpRow> {
      const ownerDepartment = input.ownerDepartment ?? input.department;
      const owner =
        input.owner ?? (ownerDepartment ? await staff.leadOf(ownerDepartment, tx.handle) : null);
      const now = clock.now();
      const row: FollowUpRow = {
        id: ids.id(),
        application_id: app.id,
        kind: input.kind,
        task_id: input.taskId ?? null,
        material_id: input.materialId ?? null,
        department_code: input.department,
        due_at: input.dueAt.toISOString(),
        status: 'open',
        note: input.note ?? null,
        created_at: now.toISOString(),
        closed_at: null,
        owner_account: owner,
        closed_by: null,
        outcome: null,
      };
      await tx.insertFollowUp(row);
      if (owner && input.notifyOwner !== false) {
        await writer.emit(tx, {
          type: 'follow-up.assigned',
          applicationId: app.id,
          receiptNo: app.receipt_no,
          departmentCode: input.department ?? undefined,
          ownerAccount: owner,
          data: { followUp: row.id, kind: row.kind, dueAt: row.due_at },
        });
      }
      return row;
    },

    /**
     * Raises every open follow-up whose time ran out, each once: an unmet commitment tells the
     * applicant and the department; any other tells its owner and the supervision office.
     */
    async raiseDue(): Promise<{ commitments: number; followUps: number }> {
      const now = clock.now();
      const raised = { commitments: 0, followUps: 0 };
      for (const f of await repo.dueFollowUps(now.toISOString())) {
        await repo.transaction(async (tx) => {
          await tx.lockApplication(f.application_id);
          const app = await tx.findApplication(f.application_id);
          if (!app || !(await tx.raiseFollowUp(f.id))) return;
          const commitment = f.kind === 'commitment';
          await writer.act(tx, app, {
            type: commitment ? 'commitment-overdue' : 'follow-up-overdue',
            actor: 'system',
            taskId: f.task_id,
            data: commitment
              ? { followUp: f.id, material: f.material_id, dueAt: f.due_at }
              : { followUp: f.id, kind: f.kind, overdueSince: f.due_at },
          });
          await writer.emit(tx, {
            type: commitment ? 'commitment.overdue' : 'follow-up.overdue',
            applicationId: app.id,
            receiptNo: app.receipt_no,
            departmentCode: f.department_code ?? undefined,
            recipientAccount: commitment ? app.submitted_by : undefined,
            ownerAccount: f.owner_account ?? undefined,
            data: { followUp: f.id, kind: f.kind, material: f.material_id, dueAt: f.due_at },
          });
          if (commitment) raised.commitments++;
          else raised.followUps++;
        });
      }
      return raised;
    },

    /**
     * The caller's work list, soonest due first: supervisors see all; leads and reviewers their
     * department's; anyone else the follow-ups they own. `done` lists closed ones.
     */
    async list(p: Principal, filter: { status?: 'open' | 'raised' | 'done' }) {
      if (p.kind !== 'staff' && p.kind !== 'system') throw CaseErrors.forbidden();
      const supervisor = p.roles.includes('supervisor');
      const ofDepartment =
        !supervisor && (p.roles.includes('lead') || p.roles.includes('reviewer'))
          ? p.departmentCode
          : undefined;
      const rows = await repo.listFollowUps({
        departmentCode: ofDepartment,
        ownerAccount: supervisor ? undefined : p.accountId,
        statuses: filter.status ? [filter.status] : ['open', 'raised'],
        limit: 200,
      });
      const names = await staff.displayNames(
        rows.flatMap((r) => (r.owner_account ? [r.owner_account] : [])),
      );
      const now = clock.now().toISOString();
      return rows.map((r): FollowUpListItem => ({
        ...r,
        owner_name: r.owner_account ? (names.get(r.owner_account) ?? null) : null,
        overdue: r.status !== 'done' && r.due_at < now,
      }));
    },

    /**
     * Closes a follow-up with what was done: recorded in the application's history; for a
     * rating follow-up the applicant is told the outcome (and may rate again once all are
     * closed), for a 容缺 commitment how the promise was settled.
     */
    async close(p: Principal, id: string, outcome: string): Promise<FollowUpListItem> {
      const found = await repo.findFollowUp(id);
      if (!found || !maySee(p, found)) throw CaseErrors.followUpNotFound();
      if (!mayClose(p, found)) throw CaseErrors.forbidden();
      const closed = await repo.transaction(async (tx) => {
        await tx.lockApplication(found.application_id);
        const app = await tx.findApplication(found.application_id);
        const f = (await tx.followUpsOf(found.application_id)).find((x) => x.id === id);
        if (!app || !f) throw CaseErrors.followUpNotFound();
        if (f.status === 'done') throw CaseErrors.followUpClosed();
        const now = clock.now().toISOString();
        await tx.updateFollowUp(id, {
          status: 'done',
          closed_at: now,
          closed_by: p.accountId,
          outcome,
        });
        await writer.act(tx, app, {
          type: 'follow-up-closed',
          actor: p,
          taskId: f.task_id,
          data: { followUp: id, kind: f.kind, outcome },
        });
        if (RATING_KINDS.has(f.kind) || f.kind === 'commitment') {
          const open = RATING_KINDS.has(f.kind)
            ? (await tx.followUpsOf(app.id)).filter(
                (x) => x.id !== id && RATING_KINDS.has(x.kind) && x.status !== 'done',
              )
            : null;
          await writer.emit(tx, {
            type: 'follow-up.closed',
            applicationId: app.id,
            receiptNo: app.receipt_no,
            departmentCode: f.department_code ?? undefined,
            recipientAccount: app.submitted_by,
            data: { followUp: id, kind: f.kind, outcome, rateAgain: open?.length === 0 },
          });
        }
        return {
          ...f,
          status: 'done' as const,
          closed_at: now,
          closed_by: p.accountId,
          outcome,
          receipt_no: app.receipt_no,
          title: app.title,
        };
      });
      const names = await staff.displayNames(closed.owner_account ? [closed.owner_account] : []);
      return {
        ...closed,
        owner_name: closed.owner_account ? (names.get(closed.owner_account) ?? null) : null,
        overdue: false,
      };
    },
  };
}

export type FollowUpsService = ReturnType<typeof createFollowUpsService>;
