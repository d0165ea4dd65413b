import { z } from 'zod';
import { requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import {
  ApplicationViewSchema,
  HandOverRequestSchema,
  HandOverSearchQuerySchema,
  HandOverSearchSchema,
} from '../../../shared/contracts/index.js';
import type { HandOverService } from './hand-over.service.js';
import { caseErrorResponses } from './route-errors.js';

const errors = caseErrorResponses;
const IdParams = z.object({ id: z.string().min(1).max(64).describe('Id') });

/** 统一出件: the clerks' search for completed applications and the record of a hand-over. */
export function registerHandOverRoutes(app: HttpServer, deps: { handOver: HandOverService }): void {
  const { handOver } = deps;

  app.get(
    '/api/v1/hand-overs',
    {
      schema: {
        tags: ['applications'],
        summary:
          '统一出件: clerks find completed applications of every channel and submitter by receipt number or applicant, newest completed first',
        querystring: HandOverSearchQuerySchema,
        response: { 200: HandOverSearchSchema, ...errors },
      },
    },
    async (request) => handOver.search(requirePrincipal(request), request.query),
  );

  app.post(
    '/api/v1/applications/:id/hand-over',
    {
      schema: {
        tags: ['applications'],
        summary: '统一出件: the window hands the results over and records it',
        params: IdParams,
        body: HandOverRequestSchema,
        response: { 200: ApplicationViewSchema, ...errors },
      },
    },
    async (request) =>
      handOver.handOver(requirePrincipal(request), request.params.id, request.body.note),
  );
}
