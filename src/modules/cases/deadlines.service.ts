import type { Clock } from '../../platform/clock/index.js';
import type { CaseWriter } from './case-writer.js';
import type { CasesRepo } from './cases.repo.js';

/** The two calendars of a change: what a deadline was counted on, and what it counts on now. */
export interface CalendarChange {
  year: number;
  before: {
    workingMillisBetween(from: Date, to: Date): number;
    provisionalYearsBetween(from: Date, to: Date): number[];
  };
  after: { addWorkingMillis(from: Date, ms: number): Date };
  /** Why, for the history: e.g. the notice's title. */
  reason: string;
}

/** One deadline moved by a calendar change. */
export interface RecomputedDeadline {
  receiptNo: string;
  kind: 'application' | 'task' | 'follow-up';
  id: string;
  oldDue: string;
  newDue: string;
}

/**
 * Recomputes every open deadline that counted on the provisional calendar of a year once its
 * official notice is loaded. A deadline keeps the office time it was given (from its start to
 * its due time on the old calendar, pauses included) and is counted again on the new calendar;
 * each change is recorded in the application's history with the old and new due time and the
 * reason, so the clock history stays true.
 */
export function createDeadlinesService(deps: {
  repo: CasesRepo;
  writer: CaseWriter;
  clock: Clock;
}) {
  const { repo, writer } = deps;

  function moved(change: CalendarChange, startIso: string | null, dueIso: string): string | null {
    if (!startIso) return null;
    const start = new Date(startIso);
    const due = new Date(dueIso);
    if (!change.before.provisionalYearsBetween(start, due).includes(change.year)) return null;
    const budget = change.before.workingMillisBetween(start, due);
    const next = change.after.addWorkingMillis(start, budget).toISOString();
    return next === new Date(dueIso).toISOString() ? null : next;
  }

  return {
    async recompute(change: CalendarChange): Promise<RecomputedDeadline[]> {
      const open = await repo.openDeadlines();
      const out: RecomputedDeadline[] = [];
      // Every open deadline with the instant its clock started.
      const deadlines = [
        ...open.applications.map((a) => ({
          applicationId: a.id,
          kind: 'application' as const,
          id: a.id,
          start: a.accepted_at,
          due: a.due_at,
        })),
        ...open.tasks.map((t) => ({
          applicationId: t.application_id,
          kind: 'task' as const,
          id: t.id,
          start: t.opened_at,
          due: t.due_at,
        })),
        ...open.followUps.map((f) => ({
          applicationId: f.application_id,
          kind: 'follow-up' as const,
          id: f.id,
          start: f.created_at,
          due: f.due_at,
        })),
      ];
      const changes = deadlines.flatMap(({ start, due, ...d }) => {
        const newDue = due ? moved(change, start, due) : null;
        return due && newDue ? [{ ...d, oldDue: due, newDue }] : [];
      });
      // One transaction per application: its row, tasks, follow-ups and history move together.
      for (const applicationId of new Set(changes.map((c) => c.applicationId))) {
        const mine = changes.filter((c) => c.applicationId === applicationId);
        await repo.transaction(async (tx) => {
          await tx.lockApplication(applicationId);
          const app = await tx.findApplication(applicationId);
          if (!app) return;
          for (const c of mine) {
            if (c.kind === 'application') await tx.updateApplication(c.id, { due_at: c.newDue });
            else if (c.kind === 'task') await tx.updateTask(c.id, { due_at: c.newDue });
            else await tx.updateFollowUp(c.id, { due_at: c.newDue });
            await writer.act(tx, app, {
              type: 'deadline-recomputed',
              actor: 'system',
              taskId: c.kind === 'task' ? c.id : null,
              data: {
                kind: c.kind,
                id: c.id,
                oldDue: c.oldDue,
                newDue: c.newDue,
                year: change.year,
                reason: change.reason,
              },
            });
            out.push({
              receiptNo: app.receipt_no,
              kind: c.kind,
              id: c.id,
              oldDue: c.oldDue,
              newDue: c.newDue,
            });
          }
        });
      }
      return out;
    },
  };
}

/** The deadline recompute of the case engine. */
export type DeadlinesService = ReturnType<typeof createDeadlinesService>;
