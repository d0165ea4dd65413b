import { randomInt } from 'node:crypto';
import type { Clock } from '../../platform/clock/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Decision } from '../../../shared/contracts/index.js';
import { definitionOf, type CaseFlow } from './case-flow.js';
import type { CaseWriter } from './case-writer.js';
import { CaseErrors } from './cases.errors.js';
import { canDecideTask } from './cases.policy.js';
import type { ApplicationRow, CasesQueries, CasesRepo, TaskRow } from './cases.repo.js';
import type { TaskStatus } from './cases.tables.js';

const RUNNING: TaskStatus[] = ['open', 'claimed'];

/** Makes the value of an output claim the reviewer did not give (a licence number, a credit code). */
export type ClaimGenerator = (claim: string, outputType: string, at: Date) => string;

/** Numbers in the form PREFIX + YYYYMMDD + six random digits, for claims without a standard format. */
export function serialNumber(prefix: string, at: Date): string {
  const day = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `${prefix}${day}${String(randomInt(1_000_000)).padStart(6, '0')}`;
}

/**
 * Department work on tasks: claim, decide (approve with outputs, reject, request a
 * supplement which pauses the clock), statutory pauses and resumption. Throws
 * CASE_TASK_NOT_FOUND, CASE_FORBIDDEN, CASE_ILLEGAL_TRANSITION (409).
 */
export function createTasksService(deps: {
  repo: CasesRepo;
  clock: Clock;
  ids: IdGenerator;
  writer: CaseWriter;
  flow: CaseFlow;
  generateClaim: ClaimGenerator;
}) {
  const { repo, clock, writer, flow } = deps;

  async function load(tx: CasesQueries, p: Principal, taskId: string) {
    const task = await tx.findTask(taskId);
    if (!task) throw CaseErrors.taskNotFound();
    if (!canDecideTask(p, task)) throw CaseErrors.forbidden();
    await tx.lockApplication(task.application_id);
    const app = await tx.findApplication(task.application_id);
    if (!app) throw CaseErrors.notFound();
    const fresh = (await tx.findTask(taskId)) as TaskRow;
    return { task: fresh, app };
  }

  /** Tells the applicant and the department's systems of a decision (outbox, same transaction). */
  function emitDecided(
    tx: CasesQueries,
    app: ApplicationRow,
    task: TaskRow,
    data: Record<string, unknown>,
  ) {
    return writer.emit(tx, {
      type: 'task.decided',
      applicationId: app.id,
      receiptNo: app.receipt_no,
      taskId: task.id,
      departmentCode: task.department_code,
      recipientAccount: app.submitted_by,
      data,
    });
  }

  return {
    /** A department's queue, soonest due first. Reviewers see only their own department. */
    /** Whether a task's due time counted on a provisional calendar year (预计). */
    dueProvisional: (from: string | null, due: string | null) => flow.dueProvisional(from, due),

    async queue(
      p: Principal,
      filter: { status?: TaskStatus[]; department?: string; limit?: number },
    ) {
      const supervisor = p.roles.includes('supervisor');
      if (!supervisor && !(p.roles.includes('reviewer') || p.kind === 'system'))
        throw CaseErrors.forbidden();
      const department = supervisor ? filter.department : p.departmentCode;
      if (!supervisor && filter.department && filter.department !== p.departmentCode)
        throw CaseErrors.forbidden();
      return repo.listTasks({
        departmentCode: department,
        statuses: filter.status,
        limit: Math.min(filter.limit ?? 100, 500),
      });
    },

    /** Takes an open task (认领). */
    async claim(p: Principal, taskId: string): Promise<void> {
      await repo.transaction(async (tx) => {
        const { task, app } = await load(tx, p, taskId);
        if (
          !(await tx.transitionTask(task.id, ['open'], {
            status: 'claimed',
            assignee: p.accountId,
          }))
        ) {
          throw CaseErrors.illegalTransition({ zh: '认领该任务', en: 'claim this task' });
        }
        await writer.act(tx, app, {
          type: 'task-claimed',
          actor: p,
          taskId: task.id,
          data: { step: task.step_id },
        });
      });
    },

    /**
     * Decides a task. Approval records the outputs (generating numbers not given), passes
     * them to later steps and opens those whose prerequisites are now all approved; rejection
     * cancels the steps depending on it; a supplement request pauses the clock.
     */
    async decide(p: Principal, taskId: string, decision: Decision): Promise<void> {
      await repo.transaction(async (tx) => {
        const { task, app } = await load(tx, p, taskId);
        if (!RUNNING.includes(task.status))
          throw CaseErrors.illegalTransition({ zh: '对该任务作出决定', en: 'decide this task' });
        const now = clock.now();
        const def = definitionOf(app);
        const step = def.steps.find((s) => s.id === task.step_id);
        if (decision.decision === 'request-supplement') {
          if (!decision.items || decision.items.length === 0) {
            throw CaseErrors.invalidMaterials([
              { path: 'items', code: 'required', message: 'list the materials to supplement' },
            ]);
          }
          const unknown = decision.items.filter(
            (i) => !def.materials.some((m) => m.id === i.material),
          );
          if (unknown.length > 0) {
            throw CaseErrors.invalidMaterials(
              unknown.map((u) => ({
                path: 'items',
                code: 'unknown_material',
                message: `no material ${u.material}`,
              })),
            );
          }
          await tx.transitionTask(task.id, RUNNING, {
            status: 'supplement',
            paused_since: now.toISOString(),
            comment: decision.comment ?? null,
          });
          const materials = JSON.parse(app.materials) as { material: string; state: string }[];
          for (const item of decision.items) {
            const m = materials.find((x) => x.material === item.material);
            if (m) m.state = 'invalid';
          }
          await tx.updateApplication(app.id, { materials: JSON.stringify(materials) });
          await writer.act(tx, app, {
            type: 'supplement-requested',
            actor: p,
            taskId: task.id,
            data: { items: decision.items, comment: decision.comment ?? null },
          });
          await writer.emit(tx, {
            type: 'supplement.requested',
            applicationId: app.id,
            receiptNo: app.receipt_no,
            taskId: task.id,
            departmentCode: task.department_code,
            recipientAccount: app.submitted_by,
            data: { items: decision.items },
          });
          return;
        }
        if (decision.decision === 'reject') {
          if (!decision.comment)
            throw CaseErrors.invalidMaterials([
              { path: 'comment', code: 'required', message: 'give the reason for the rejection' },
            ]);
          await tx.transitionTask(task.id, RUNNING, {
            status: 'rejected',
            decision: 'reject',
            decided_at: now.toISOString(),
            comment: decision.comment,
            assignee: task.assignee ?? p.accountId,
          });
          await writer.act(tx, app, {
            type: 'task-rejected',
            actor: p,
            taskId: task.id,
            data: { step: task.step_id, reason: decision.comment },
          });
          const cancelled = await flow.cancelDependents(tx, app, task.step_id, p);
          await emitDecided(tx, app, task, { decision: 'reject', cancelled });
          await flow.settleIfDone(tx, app, p);
          return;
        }
        const outputs: Record<string, unknown> = { ...(decision.outputs ?? {}) };
        for (const o of step?.outputs ?? []) {
          for (const claim of o.claims) {
            if (outputs[claim] === undefined)
              outputs[claim] = deps.generateClaim(claim, o.type, now);
          }
        }
        await tx.transitionTask(task.id, RUNNING, {
          status: 'approved',
          decision: 'approve',
          decided_at: now.toISOString(),
          outputs: JSON.stringify(outputs),
          comment: decision.comment ?? null,
          assignee: task.assignee ?? p.accountId,
        });
        const context = JSON.parse(app.context) as Record<string, Record<string, unknown>>;
        context[task.step_id] = outputs;
        await tx.updateApplication(app.id, {
          context: JSON.stringify(context),
          updated_at: now.toISOString(),
        });
        app.context = JSON.stringify(context);
        await writer.act(tx, app, {
          type: 'task-approved',
          actor: p,
          taskId: task.id,
          data: { step: task.step_id, outputs },
        });
        await emitDecided(tx, app, task, { decision: 'approve', outputs });
        await flow.openReady(tx, app, p);
        await flow.settleIfDone(tx, app, p);
      });
    },

    /** A statutory pause (expert review, testing …): the time is excluded from the limit. */
    async pause(p: Principal, taskId: string, reason: string, comment?: string): Promise<void> {
      await repo.transaction(async (tx) => {
        const { task, app } = await load(tx, p, taskId);
        if (
          !(await tx.transitionTask(task.id, RUNNING, {
            status: 'paused',
            paused_since: clock.now().toISOString(),
            pause_reason: reason,
          }))
        ) {
          throw CaseErrors.illegalTransition({ zh: '暂停计时', en: 'pause this task' });
        }
        await writer.act(tx, app, {
          type: 'paused',
          actor: p,
          taskId: task.id,
          data: { reason, comment: comment ?? null },
        });
      });
    },

    /** Ends a statutory pause; the due times move on by the paused office time. */
    async resume(p: Principal, taskId: string): Promise<void> {
      await repo.transaction(async (tx) => {
        const { task, app } = await load(tx, p, taskId);
        if (task.status !== 'paused' || !task.paused_since)
          throw CaseErrors.illegalTransition({ zh: '恢复计时', en: 'resume this task' });
        const now = clock.now();
        const pausedMs = flow.pausedMillis(new Date(task.paused_since), now);
        const due = task.due_at ? flow.extend(new Date(task.due_at), pausedMs) : null;
        await tx.updateTask(task.id, {
          status: task.assignee ? 'claimed' : 'open',
          paused_since: null,
          pause_reason: null,
          due_at: due?.toISOString() ?? null,
        });
        if (app.due_at)
          await tx.updateApplication(app.id, {
            due_at: flow.extend(new Date(app.due_at), pausedMs).toISOString(),
          });
        await writer.act(tx, app, {
          type: 'resumed',
          actor: p,
          taskId: task.id,
          data: { pausedWorkingMillis: pausedMs },
        });
      });
    },
  };
}

export type TasksService = ReturnType<typeof createTasksService>;
