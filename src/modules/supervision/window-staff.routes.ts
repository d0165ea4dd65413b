import { z } from 'zod';
import { requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import {
  ClerkProfileSchema,
  ErrorBodySchema,
  PointsMonthSchema,
  UpdateClerkSchema,
  WindowPointsQuerySchema,
} from '../../../shared/contracts/index.js';
import type { WindowStaffService } from './window-staff.service.js';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  422: ErrorBodySchema,
};

/** Window staff (Taizhou 四制四化): clerks' grades and windows, the monthly points ledger. */
export function registerWindowStaffRoutes(
  app: HttpServer,
  deps: { windowStaff: WindowStaffService },
): void {
  const { windowStaff } = deps;

  app.get(
    '/api/v1/window-staff/points',
    {
      schema: {
        tags: ['supervision'],
        summary:
          'A month’s points ledger (积分) of every window clerk, computed from the action history: lines, total, rank, pay tier (a clerk sees their own)',
        querystring: WindowPointsQuerySchema,
        response: { 200: PointsMonthSchema, ...errors },
      },
    },
    async (request) => windowStaff.points(requirePrincipal(request), request.query.month),
  );

  app.get(
    '/api/v1/window-staff/clerks',
    {
      schema: {
        tags: ['supervision'],
        summary: 'Every window clerk’s grade (考级) and window (admin, supervision)',
        response: { 200: z.object({ items: z.array(ClerkProfileSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await windowStaff.listProfiles(requirePrincipal(request)) }),
  );

  app.put(
    '/api/v1/window-staff/clerks/:accountId',
    {
      schema: {
        tags: ['supervision'],
        summary: 'Set a clerk’s grade and window (admin, supervision); the change is recorded',
        params: z.object({ accountId: z.string().min(1).max(64).describe('The clerk account') }),
        body: UpdateClerkSchema,
        response: { 200: ClerkProfileSchema, ...errors },
      },
    },
    async (request) =>
      windowStaff.setProfile(requirePrincipal(request), request.params.accountId, request.body),
  );
}
