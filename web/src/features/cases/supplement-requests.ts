import type { ApplicationView } from '@contracts/cases';
import type { RequestedItem } from './supply-form';

/** An open supplement request (补正) of one step: what the reviewer asked for and why. */
export interface SupplementRequest {
  taskId: string;
  step: string;
  comment: string | null;
  items: RequestedItem[];
}

function itemsOf(data: Record<string, unknown>): RequestedItem[] {
  const items = data.items;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { material, reason } = item as { material?: unknown; reason?: unknown };
    return typeof material === 'string'
      ? [{ material, ...(typeof reason === 'string' ? { reason } : {}) }]
      : [];
  });
}

/**
 * The supplement requests still waiting for the applicant: for each task in `supplement`, the
 * latest `supplement-requested` action of that task in the history.
 */
export function supplementRequests(application: ApplicationView): SupplementRequest[] {
  return application.tasks
    .filter((task) => task.status === 'supplement')
    .flatMap((task) => {
      const action = [...application.actions]
        .reverse()
        .find((a) => a.type === 'supplement-requested' && a.taskId === task.id);
      if (!action) return [];
      const comment = action.data.comment;
      return [
        {
          taskId: task.id,
          step: task.step,
          comment: typeof comment === 'string' ? comment : null,
          items: itemsOf(action.data),
        },
      ];
    });
}
