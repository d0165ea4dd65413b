import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  PauseReason,
  ApplicationView,
  Decision,
  Evaluation,
  MaterialEntry,
  SubmitApplication,
  TaskView,
} from '@contracts/cases';
import { apiGet, apiPost, type ApiError } from '../../api';

/** A line of `GET /api/v1/applications`. */
export type ApplicationSummary = Pick<
  ApplicationView,
  | 'id'
  | 'receiptNo'
  | 'status'
  | 'subject'
  | 'channel'
  | 'submittedAt'
  | 'dueAt'
  | 'dueProvisional'
  | 'alert'
>;

/** Statuses after which nothing changes any more (no polling needed). */
export const SETTLED_STATUSES: readonly ApplicationView['status'][] = [
  'completed',
  'rejected',
  'refused',
  'withdrawn',
];

/** Task statuses a reviewer still has to act on. */
export const RUNNING_TASK_STATUSES: readonly TaskView['status'][] = ['open', 'claimed'];

const LIVE_MS = 8_000;

/** The query key of one application. */
export function applicationKey(id: string) {
  return ['applications', 'one', id] as const;
}

/** The applications the account may see, newest first. */
export function useApplications(options: { live?: boolean } = {}) {
  return useQuery<ApplicationSummary[], ApiError>({
    queryKey: ['applications', 'list'],
    queryFn: async ({ signal }) =>
      (await apiGet<{ items: ApplicationSummary[] }>('/api/v1/applications?limit=100', signal))
        .items,
    refetchInterval: options.live ? LIVE_MS : false,
  });
}

/** One application with tasks and history; refreshed every few seconds until it settles. */
export function useApplication(id: string | undefined) {
  return useQuery<ApplicationView, ApiError>({
    queryKey: applicationKey(id ?? ''),
    queryFn: ({ signal }) =>
      apiGet<ApplicationView>(`/api/v1/applications/${encodeURIComponent(id ?? '')}`, signal),
    enabled: Boolean(id),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status && SETTLED_STATUSES.includes(status) ? false : LIVE_MS;
    },
  });
}

/**
 * Submits an application. The Idempotency-Key makes a double click or a retry after a lost
 * answer return the first application instead of creating a second one.
 */
export function submitApplication(
  body: SubmitApplication,
  idempotencyKey: string,
): Promise<ApplicationView> {
  return apiPost<ApplicationView>('/api/v1/applications', body, {
    'Idempotency-Key': idempotencyKey,
  });
}

/** Mutations on one application that answer with its new view (kept in the cache). */
function useApplicationMutation<Input>(
  id: string,
  request: (input: Input) => Promise<ApplicationView>,
) {
  const client = useQueryClient();
  return useMutation<ApplicationView, ApiError, Input>({
    mutationFn: request,
    onSuccess: (view) => {
      client.setQueryData(applicationKey(id), view);
      void client.invalidateQueries({ queryKey: ['applications', 'list'] });
      void client.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

const at = (id: string, action: string) =>
  `/api/v1/applications/${encodeURIComponent(id)}/${action}`;

/** Supplies exactly the items of the one-time notice or of a supplement request (补正). */
export function useSupplyMaterials(id: string) {
  return useApplicationMutation<MaterialEntry[]>(id, (materials) =>
    apiPost(at(id, 'materials'), { materials }),
  );
}

/** Withdraws the application (the applicant). */
export function useWithdraw(id: string) {
  return useApplicationMutation<void>(id, () => apiPost(at(id, 'withdrawal'), {}));
}

/** Rates a settled application (好差评). */
export function useEvaluate(id: string) {
  return useApplicationMutation<Evaluation>(id, (evaluation) =>
    apiPost(at(id, 'evaluation'), evaluation),
  );
}

/** Refuses intake (不予受理) with a reason — clerks, deficient applications only. */
export function useRefuse(id: string) {
  return useApplicationMutation<string>(id, (reason) => apiPost(at(id, 'refusal'), { reason }));
}

/** Records the hand-over of results at the window (统一出件). */
export function useHandOver(id: string) {
  return useApplicationMutation<string | undefined>(id, (note) =>
    apiPost(at(id, 'hand-over'), note ? { note } : {}),
  );
}

/** The PDF documents of an application, opened in a new tab. */
export const documentUrl = {
  receipt: (id: string) => at(id, 'receipt.pdf'),
  notice: (id: string) => at(id, 'notice.pdf'),
  handOver: (id: string) => at(id, 'hand-over.pdf'),
};

/** A department's queue, soonest due first; refreshed while shown. */
export function useTaskQueue(statuses: readonly TaskView['status'][]) {
  return useQuery<TaskView[], ApiError>({
    queryKey: ['tasks', 'queue', statuses.join(',')],
    queryFn: async ({ signal }) =>
      (
        await apiGet<{ items: TaskView[] }>(
          `/api/v1/tasks?status=${statuses.join(',')}&limit=200`,
          signal,
        )
      ).items,
    refetchInterval: 15_000,
  });
}

/** Claims, or decides, a task; afterwards the queue and the application are fetched again. */
export function useTaskAction(applicationId: string) {
  const client = useQueryClient();
  return useMutation<
    void,
    ApiError,
    { task: string; action: 'claim' } | { task: string; action: 'decide'; decision: Decision }
  >({
    mutationFn: (input) =>
      input.action === 'claim'
        ? apiPost<void>(`/api/v1/tasks/${encodeURIComponent(input.task)}/claim`)
        : apiPost<void>(`/api/v1/tasks/${encodeURIComponent(input.task)}/decision`, input.decision),
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['tasks'] }),
        client.invalidateQueries({ queryKey: applicationKey(applicationId) }),
      ]);
    },
  });
}

/** Why a department stops a task's clock by law (API PauseSchema). */
export type { PauseReason };

/** Starts or ends a statutory pause (专家评审、检验检测 …) of a task. */
export function useTaskPause(applicationId: string) {
  const client = useQueryClient();
  return useMutation<
    void,
    ApiError,
    | { task: string; action: 'pause'; reason: PauseReason; comment?: string }
    | { task: string; action: 'resume' }
  >({
    mutationFn: (input) =>
      input.action === 'pause'
        ? apiPost<void>(`/api/v1/tasks/${encodeURIComponent(input.task)}/pause`, {
            reason: input.reason,
            ...(input.comment ? { comment: input.comment } : {}),
          })
        : apiPost<void>(`/api/v1/tasks/${encodeURIComponent(input.task)}/resume`),
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['tasks'] }),
        client.invalidateQueries({ queryKey: applicationKey(applicationId) }),
      ]);
    },
  });
}
