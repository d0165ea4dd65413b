import { z } from 'zod';
import { requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import {
  CloseFollowUpSchema,
  FollowUpItemSchema,
  FollowUpListSchema,
  FollowUpsQuerySchema,
  type FollowUpItem,
} from '../../../shared/contracts/index.js';
import { presentFollowUp, type ProvisionalFn } from './cases.presenter.js';
import type { FollowUpListItem, FollowUpsService } from './follow-ups.service.js';
import { caseErrorResponses } from './route-errors.js';

const errors = caseErrorResponses;

function listed(f: FollowUpListItem, provisional: ProvisionalFn): FollowUpItem {
  return {
    ...presentFollowUp(f, provisional),
    applicationId: f.application_id,
    receiptNo: f.receipt_no,
    title: f.title,
    ownerName: f.owner_name,
    overdue: f.overdue,
  };
}

/** Follow-ups (督办): the work lists of leads, supervisors and owners, and closing one. */
export function registerFollowUpsRoutes(
  app: HttpServer,
  deps: { followUps: FollowUpsService; dueProvisional: ProvisionalFn },
): void {
  const { followUps, dueProvisional } = deps;
  const present = (f: FollowUpListItem) => listed(f, dueProvisional);

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
      return { items: rows.map(present) };
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
      return present(
        await followUps.close(requirePrincipal(request), request.params.id, request.body.outcome),
      );
    },
  );
}
