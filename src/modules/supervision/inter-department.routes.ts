import { z } from 'zod';
import { requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import {
  ErrorBodySchema,
  InterDepartmentBoardQuerySchema,
  InterDepartmentBoardSchema,
  InterDepartmentReportListSchema,
} from '../../../shared/contracts/index.js';
import type { Clock } from '../../platform/clock/index.js';
import { InterDepartmentErrors } from './inter-department.errors.js';
import type { ReportPrinter } from './inter-department.report.js';
import type { InterDepartmentService } from './inter-department.service.js';

// Fastify sends a Buffer as it is (no serializer runs); the schema only documents it.
const PdfSchema = z
  .custom<Buffer>((v) => Buffer.isBuffer(v))
  .meta({ type: 'string', format: 'binary', description: 'The report (application/pdf)' });

/**
 * The inter-department board (signed-in supervision and departments) and the public monthly
 * report (no account, rate-limited like the other public endpoints).
 */
export function registerInterDepartmentRoutes(
  app: HttpServer,
  deps: { service: InterDepartmentService; print: ReportPrinter; clock: Clock },
): void {
  const { service, print, clock } = deps;

  app.get(
    '/api/v1/inter-department/board',
    {
      schema: {
        tags: ['supervision'],
        summary:
          '部门间办事看板: requests by requesting × providing department and matter, against the legal and promised limits, with the speed-up rate (提速率) and the open follow-ups by first-inquiry department (首问负责)',
        description:
          'Supervision sees every department; a lead or reviewer the rows where the department requests or provides.',
        querystring: InterDepartmentBoardQuerySchema,
        response: {
          200: InterDepartmentBoardSchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          422: ErrorBodySchema,
        },
      },
    },
    async (request) => service.board(requirePrincipal(request), request.query),
  );

  app.get(
    '/api/v1/public/inter-department/reports',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['supervision'],
        summary: 'The months with a public inter-department report (no account needed)',
        response: { 200: InterDepartmentReportListSchema, 429: ErrorBodySchema },
      },
    },
    async () => service.reports(),
  );

  app.get(
    '/api/v1/public/inter-department/reports/:file',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['supervision'],
        summary:
          '部门间办事月度公开报告: the month’s figures per requesting and providing department and per matter, as PDF (no account needed; departments only, nothing personal)',
        description:
          '`{YYYY-MM}.pdf`. A month not yet begun or malformed is 422; a month before any inter-department request is 404.',
        produces: ['application/pdf'],
        params: z.object({ file: z.string().min(1).max(40).describe('`YYYY-MM.pdf`') }),
        response: {
          200: PdfSchema,
          404: ErrorBodySchema,
          422: ErrorBodySchema,
          429: ErrorBodySchema,
          503: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const match = /^(\d{4}-\d{2})\.pdf$/.exec(request.params.file);
      if (!match) throw InterDepartmentErrors.invalidMonth(request.params.file);
      const month = match[1] as string;
      const data = await service.monthly(month);
      const pdf = await print(data, clock.now());
      const filename = `部门间办事月度报告-${month}.pdf`;
      return (
        reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(filename)}`)
          // A past month's figures settle; the running month's change with every decision.
          .header('cache-control', data.complete ? 'public, max-age=3600' : 'no-cache')
          .send(pdf)
      );
    },
  );
}
