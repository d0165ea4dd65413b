import type { Clock } from '../../platform/clock/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { CaseCalendarPort } from './case-ports.js';
import type { CaseWriter } from './case-writer.js';
import type { CasesRepo } from './cases.repo.js';
import type { AlertLevel } from './cases.tables.js';

/** The share of a limit after which a task or application turns yellow (预警). */
export const WARNING_SHARE = 0.8;

/** What one pass of the watch changed. */
export interface WatchReport {
  warned: number;
  overdue: number;
  escalated: number;
  commitmentsRaised: number;
  followUpsRaised: number;
}

/**
 * The deadline watch (效能监察): marks tasks and applications yellow at 80% of their time and
 * red when overdue, escalates overdue tasks to the department's lead and to supervision,
 * and raises follow-ups whose time ran out (unmet 容缺 commitments, rating call-backs). Every
 * change is written as an action of the application.
 */
export function createWatchService(deps: {
  repo: CasesRepo;
  clock: Clock;
  ids: IdGenerator;
  calendar: CaseCalendarPort;
  writer: CaseWriter;
}) {
  const { repo, clock, ids, calendar, writer } = deps;

  function level(openedAt: string, dueAt: string, now: Date): AlertLevel {
    const due = new Date(dueAt);
    if (now > due) return 'overdue';
    const total = calendar.workingMillisBetween(new Date(openedAt), due);
    const used = calendar.workingMillisBetween(new Date(openedAt), now);
    return total > 0 && used / total >= WARNING_SHARE ? 'warning' : 'normal';
  }

  return {
    /** One pass over every running task, application and due follow-up. */
    async tick(): Promise<WatchReport> {
      const now = clock.now();
      const report: WatchReport = {
        warned: 0,
        overdue: 0,
        escalated: 0,
        commitmentsRaised: 0,
        followUpsRaised: 0,
      };
      for (const task of await repo.runningTasks()) {
        if (!task.opened_at || !task.due_at) continue;
        const next = level(task.opened_at, task.due_at, now);
        if (next === task.alert || next === 'normal') continue;
        if (task.alert === 'overdue') continue;
        await repo.transaction(async (tx) => {
          await tx.lockApplication(task.application_id);
          const app = await tx.findApplication(task.application_id);
          if (!app) return;
          await tx.updateTask(task.id, {
            alert: next,
            ...(next === 'overdue' ? { escalated_at: now.toISOString() } : {}),
          });
          await writer.act(tx, app, {
            type: next === 'overdue' ? 'overdue' : 'warning',
            actor: 'system',
            taskId: task.id,
            data: { step: task.step_id, dueAt: task.due_at },
          });
          if (next === 'warning') {
            report.warned++;
            return;
          }
          report.overdue++;
          const to = [`${task.department_code}:lead`, 'supervision'];
          await writer.act(tx, app, {
            type: 'escalated',
            actor: 'system',
            taskId: task.id,
            data: { step: task.step_id, department: task.department_code, to },
          });
          await tx.insertFollowUp({
            id: ids.id(),
            application_id: app.id,
            kind: 'escalation',
            task_id: task.id,
            material_id: null,
            department_code: task.department_code,
            due_at: calendar.addWorkingDays(now, 1).toISOString(),
            status: 'open',
            note: `overdue since ${task.due_at}`,
            created_at: now.toISOString(),
            closed_at: null,
          });
          await writer.emit(tx, {
            type: 'task.escalated',
            applicationId: app.id,
            receiptNo: app.receipt_no,
            taskId: task.id,
            departmentCode: task.department_code,
            data: { to },
          });
          report.escalated++;
        });
      }
      for (const app of await repo.runningApplications()) {
        if (!app.accepted_at || !app.due_at) continue;
        const next = level(app.accepted_at, app.due_at, now);
        if (next === app.alert || next === 'normal' || app.alert === 'overdue') continue;
        await repo.updateApplication(app.id, { alert: next });
      }
      for (const f of await repo.dueFollowUps(now.toISOString())) {
        await repo.transaction(async (tx) => {
          const app = await tx.findApplication(f.application_id);
          if (!app) return;
          await tx.updateFollowUp(f.id, { status: 'raised' });
          if (f.kind === 'commitment') {
            await writer.act(tx, app, {
              type: 'commitment-overdue',
              actor: 'system',
              data: { material: f.material_id, dueAt: f.due_at },
            });
            report.commitmentsRaised++;
          } else {
            await writer.act(tx, app, {
              type: 'follow-up-opened',
              actor: 'system',
              data: { followUp: f.id, kind: f.kind, overdueSince: f.due_at },
            });
            report.followUpsRaised++;
          }
        });
      }
      return report;
    },
  };
}

export type WatchService = ReturnType<typeof createWatchService>;
