import type { Clock } from '../../platform/clock/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import { dependentsOf, readySteps, type CaseDefinition } from './case-definition.js';
import type { CaseCalendarPort } from './case-ports.js';
import type { Actor, CaseWriter } from './case-writer.js';
import type { ApplicationRow, CasesQueries, TaskRow } from './cases.repo.js';
import type { FollowUpsService } from './follow-ups.service.js';
import type { MaterialState } from './materials.js';

const TERMINAL = new Set(['approved', 'rejected', 'cancelled']);

// Parsed definitions by their JSON text: many applications share one frozen definition.
const parsedDefinitions = new Map<string, CaseDefinition>();

/** Reads the frozen definition of an application (parsed once per distinct definition; treat it as read-only). */
export function definitionOf(app: Pick<ApplicationRow, 'definition'>): CaseDefinition {
  let def = parsedDefinitions.get(app.definition);
  if (!def) {
    def = JSON.parse(app.definition) as CaseDefinition;
    if (parsedDefinitions.size >= 100)
      parsedDefinitions.delete(parsedDefinitions.keys().next().value as string);
    parsedDefinitions.set(app.definition, def);
  }
  return def;
}

/**
 * The moves of the workflow shared by intake and decisions: accepting (the clock starts and
 * every ready step opens at once, in parallel), opening steps whose prerequisites are
 * approved, cancelling the dependents of a rejected step, and completing the application.
 */
export function createCaseFlow(deps: {
  clock: Clock;
  ids: IdGenerator;
  calendar: CaseCalendarPort;
  writer: CaseWriter;
  followUps: Pick<FollowUpsService, 'open'>;
}) {
  const { clock, ids, calendar, writer, followUps } = deps;

  async function openReady(
    tx: CasesQueries,
    app: ApplicationRow,
    actor: Actor,
  ): Promise<TaskRow[]> {
    const def = definitionOf(app);
    const tasks = await tx.tasksOf(app.id);
    const approved = new Set(tasks.filter((t) => t.status === 'approved').map((t) => t.step_id));
    const started = new Set(tasks.filter((t) => t.status !== 'pending').map((t) => t.step_id));
    const now = clock.now();
    const opened: TaskRow[] = [];
    for (const step of readySteps(def, approved, started)) {
      const task = tasks.find((t) => t.step_id === step.id);
      if (!task) continue;
      const own = calendar.due(now, step.promisedLimit);
      const due = app.due_at && new Date(app.due_at) < own ? new Date(app.due_at) : own;
      await tx.updateTask(task.id, {
        status: 'open',
        opened_at: now.toISOString(),
        due_at: due.toISOString(),
      });
      Object.assign(task, {
        status: 'open',
        opened_at: now.toISOString(),
        due_at: due.toISOString(),
      });
      await writer.act(tx, app, {
        type: 'task-opened',
        actor,
        taskId: task.id,
        data: { step: step.id, department: step.department, dueAt: due.toISOString() },
      });
      await writer.emit(tx, {
        type: 'task.opened',
        applicationId: app.id,
        receiptNo: app.receipt_no,
        taskId: task.id,
        departmentCode: step.department,
        data: { step: step.id, matter: step.matter, dueAt: due.toISOString() },
      });
      opened.push(task);
    }
    return opened;
  }

  return {
    openReady,

    /** Whether a due time counted on a provisional calendar year (预计). */
    dueProvisional(from: string | null, due: string | null): boolean {
      if (!from || !due) return false;
      return calendar.provisionalYears(new Date(from), new Date(due)).length > 0;
    },

    /** Office time between the start of a pause and its end. */
    pausedMillis: (from: Date, to: Date) => calendar.workingMillisBetween(from, to),

    /** A due time moved on by `ms` of office time (after a pause). */
    extend: (due: Date, ms: number) => (ms > 0 ? calendar.addWorkingMillis(due, ms) : due),

    /** 受理: starts the clock, creates one task per step and opens every ready one at once. */
    async accept(
      tx: CasesQueries,
      app: ApplicationRow,
      actor: Actor,
      materials: MaterialState[],
    ): Promise<void> {
      const def = definitionOf(app);
      const now = clock.now();
      const due = calendar.due(now, def.promisedLimit);
      await tx.updateApplication(app.id, {
        accepted_at: now.toISOString(),
        due_at: due.toISOString(),
        updated_at: now.toISOString(),
      });
      app.accepted_at = now.toISOString();
      app.due_at = due.toISOString();
      for (const step of def.steps) {
        await tx.insertTask({
          id: ids.id(),
          application_id: app.id,
          step_id: step.id,
          matter_code: step.matter,
          department_code: step.department,
          status: 'pending',
          assignee: null,
          opened_at: null,
          due_at: null,
          decided_at: null,
          decision: null,
          outputs: null,
          comment: null,
          alert: 'normal',
          paused_since: null,
          pause_reason: null,
          escalated_at: null,
        });
      }
      const committed = materials.filter((m) => m.state === 'committed');
      await writer.act(tx, app, {
        type: 'accepted',
        actor,
        data: { dueAt: due.toISOString(), withDeficiency: committed.map((m) => m.material) },
      });
      for (const m of committed) {
        // 容缺: the promised material falls due at the end of its due date (China time).
        const dueAt = new Date(
          `${m.commitmentDue ?? now.toISOString().slice(0, 10)}T23:59:59+08:00`,
        );
        // The department of the first step that needs it follows it up; the accepting clerk
        // owns it (they took the promise), or else the department's lead. Both hear of it
        // only when it falls due.
        const firstStep = def.materials.find((x) => x.id === m.material)?.steps[0];
        const department =
          def.steps.find((x) => x.id === firstStep)?.department ?? def.steps[0]?.department;
        await followUps.open(tx, app, {
          kind: 'commitment',
          department: department ?? null,
          materialId: m.material,
          dueAt,
          owner: actor !== 'system' && actor.roles.includes('clerk') ? actor.accountId : undefined,
          notifyOwner: false,
        });
      }
      await writer.emit(tx, {
        type: 'application.accepted',
        applicationId: app.id,
        receiptNo: app.receipt_no,
        recipientAccount: app.submitted_by,
        data: { dueAt: due.toISOString() },
      });
      await openReady(tx, app, actor);
    },

    /** Cancels every step that depends on a rejected one; returns their step ids. */
    async cancelDependents(
      tx: CasesQueries,
      app: ApplicationRow,
      stepId: string,
      actor: Actor,
    ): Promise<string[]> {
      const def = definitionOf(app);
      const dependents = dependentsOf(def, stepId);
      const tasks = await tx.tasksOf(app.id);
      const cancelled: string[] = [];
      for (const t of tasks) {
        if (!dependents.has(t.step_id) || TERMINAL.has(t.status)) continue;
        await tx.updateTask(t.id, { status: 'cancelled', decided_at: clock.now().toISOString() });
        await writer.act(tx, app, {
          type: 'task-cancelled',
          actor,
          taskId: t.id,
          data: { step: t.step_id, because: stepId },
        });
        cancelled.push(t.step_id);
      }
      return cancelled;
    },

    /** Completes the application when every step is settled: completed if all approved, else rejected. */
    async settleIfDone(tx: CasesQueries, app: ApplicationRow, actor: Actor): Promise<void> {
      const tasks = await tx.tasksOf(app.id);
      if (!tasks.every((t) => TERMINAL.has(t.status))) return;
      const now = clock.now().toISOString();
      const allApproved = tasks.every((t) => t.status === 'approved');
      const results = tasks
        .filter((t) => t.status === 'approved')
        .map((t) => ({
          step: t.step_id,
          department: t.department_code,
          outputs: JSON.parse(t.outputs ?? '{}') as unknown,
        }));
      await tx.updateApplication(app.id, { completed_at: now, updated_at: now });
      app.completed_at = now;
      await writer.act(tx, app, {
        type: allApproved ? 'completed' : 'rejected',
        actor,
        data: allApproved
          ? { results }
          : {
              results,
              rejected: tasks
                .filter((t) => t.status === 'rejected')
                .map((t) => ({ step: t.step_id, reason: t.comment })),
            },
      });
      await writer.emit(tx, {
        type: allApproved ? 'application.completed' : 'application.rejected',
        applicationId: app.id,
        receiptNo: app.receipt_no,
        recipientAccount: app.submitted_by,
        data: { results },
      });
    },
  };
}

export type CaseFlow = ReturnType<typeof createCaseFlow>;
