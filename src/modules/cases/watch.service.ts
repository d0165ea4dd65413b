import type { Clock } from '../../platform/clock/index.js';
import type { CaseCalendarPort } from './case-ports.js';
import type { CaseWriter } from './case-writer.js';
import type { ApplicationRow, CasesRepo } from './cases.repo.js';
import type { FollowUpsService } from './follow-ups.service.js';
import type { AlertLevel } from './cases.tables.js';
import type { CaseDefinition } from './case-definition.js';

/** The share of a limit after which a task or application turns yellow (预警). */
export const WARNING_SHARE = 0.8;

/**
 * 首问负责: the first-inquiry department of an inter-department application — the department
 * of the first step the request reaches (the first step, in the definition's order, that comes
 * after no other; for a single matter, its department). Null for other applicants.
 */
export function firstInquiryDepartment(
  app: Pick<ApplicationRow, 'applicant_kind' | 'definition'>,
): string | null {
  if (app.applicant_kind !== 'department') return null;
  const def = JSON.parse(app.definition) as Pick<CaseDefinition, 'steps'>;
  return (def.steps.find((s) => s.after.length === 0) ?? def.steps[0])?.department ?? null;
}

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
 * red when overdue, escalates overdue tasks to the department's lead and to supervision
 * (a follow-up owned by the lead, due in 1 working day), and raises follow-ups whose time
 * ran out (unmet 容缺 commitments, rating call-backs). Every change is written as an action
 * of the application.
 */
export function createWatchService(deps: {
  repo: CasesRepo;
  clock: Clock;
  calendar: CaseCalendarPort;
  writer: CaseWriter;
  followUps: Pick<FollowUpsService, 'open' | 'raiseDue'>;
}) {
  const { repo, clock, calendar, writer, followUps } = deps;

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
          // 首问负责: the first department asked owns the follow-up, even when a later step is late.
          const first = firstInquiryDepartment(app);
          const owner = first && first !== task.department_code ? first : null;
          const to = [
            `${task.department_code}:lead`,
            ...(owner ? [`${owner}:lead`] : []),
            'supervision',
          ];
          await writer.act(tx, app, {
            type: 'escalated',
            actor: 'system',
            taskId: task.id,
            data: {
              step: task.step_id,
              department: task.department_code,
              to,
              ...(first ? { firstInquiry: first } : {}),
            },
          });
          // The escalation event below tells the late department's lead and supervision; a
          // first-inquiry owner of another department is told by the assignment.
          await followUps.open(tx, app, {
            kind: 'escalation',
            department: task.department_code,
            ownerDepartment: owner,
            taskId: task.id,
            dueAt: calendar.addWorkingDays(now, 1),
            note: `overdue since ${task.due_at}`,
            notifyOwner: owner !== null,
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
      const raised = await followUps.raiseDue();
      report.commitmentsRaised = raised.commitments;
      report.followUpsRaised = raised.followUps;
      return report;
    },
  };
}

export type WatchService = ReturnType<typeof createWatchService>;
