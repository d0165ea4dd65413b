import { z } from 'zod';
import { toRfc3339 } from '../../platform/clock/index.js';
import { requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import {
  CloseFollowUpSchema,
  ErrorBodySchema,
  FollowUpItemSchema,
  FollowUpListSchema,
  FollowUpsQuerySchema,
  type FollowUpItem,
} from '../../../shared/contracts/index.js';
import type { FollowUpListItem, FollowUpsService } from './follow-ups.service.js';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const t = (iso: string | null) => (iso ? toRfc3339(new Date(iso)) : null);

function listed(f: FollowUpListItem): FollowUpItem {
  return {
    id: f.id,
    applicationId: f.application_id,
    receiptNo: f.receipt_no,
    title: f.title,
    kind: f.kind,
    status: f.status,
    dueAt: toRfc3339(new Date(f.due_at)),
    department: f.department_code,
    material: f.material_id,
    taskId: f.task_id,
    note: f.note,
    owner: f.owner_account,
    ownerName: f.owner_name,
    overdue: f.overdue,
    createdAt: toRfc3339(new Date(f.created_at)),
    closedAt: t(f.closed_at),
    outcome: f.outcome,
  };
}

/** Follow-ups (督办): the work lists of leads, supervisors and owners, and closing one. */
export function registerFollowUpsRoutes(
  app: HttpServer,
  deps: { followUps: FollowUpsService },
): void {
  const { followUps } = deps;

  app.get(
    '/api/v1/follow-ups',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'Follow-ups: escalations, unmet commitments, rating call-backs and rectifications, soonest due first',
        querystring: FollowUpsQuerySchema,
        response: { 200: FollowUpListSchema, ...errors },
      },
    },
    async (request) => {
      const rows = await followUps.list(requirePrincipal(request), request.query);
      return { items: rows.map(listed) };
    },
  );

  app.post(
    '/api/v1/follow-ups/:id/close',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'Close a follow-up with its outcome (owner, department lead or supervision); a rating follow-up tells the applicant',
        params: z.object({ id: z.string().min(1).max(64).describe('Follow-up id') }),
        body: CloseFollowUpSchema,
        response: { 200: FollowUpItemSchema, ...errors },
      },
    },
    async (request) => {
      return listed(
        await followUps.close(requirePrincipal(request), request.params.id, request.body.outcome),
      );
    },
  );
}
