import { z } from 'zod';
import {
  ErrorBodySchema,
  TrackQuerySchema,
  TrackViewSchema,
} from '../../../shared/contracts/index.js';
import type { HttpServer } from '../../platform/http/index.js';
import type { TrackService } from './track.service.js';

/**
 * `GET /api/v1/track/{receiptNo}?k=`: public, no account. Rate-limited per client, so receipt
 * numbers cannot be swept for their existence at speed.
 */
export function registerTrackRoutes(app: HttpServer, deps: { track: TrackService }): void {
  app.get(
    '/api/v1/track/:receiptNo',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['track'],
        summary: "An application's public progress, by the link of its receipt's QR code",
        description:
          'Without the key `k` (or with a wrong one) only that the receipt exists. With it: the ' +
          'matter, the stage, the working-day due time and whether the applicant must act; ' +
          'never a name, a number or an address.',
        params: z.object({ receiptNo: z.string().min(1).max(40).describe('受理编号') }),
        querystring: TrackQuerySchema,
        response: {
          200: TrackViewSchema,
          404: ErrorBodySchema,
          422: ErrorBodySchema,
          429: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      // Receipts are printed for people to scan; the answer is about one person's application.
      void reply.header('cache-control', 'no-store');
      return deps.track.track(request.params.receiptNo, request.query.k);
    },
  );
}
