import { z } from 'zod';
import { requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import {
  BundlesViewSchema,
  ErrorBodySchema,
  ExportQuerySchema,
  MetricsFilterSchema,
  MetricsQuerySchema,
  MetricsTableSchema,
  OverdueListSchema,
  RankingSchema,
  TownsViewSchema,
  TrendQuerySchema,
  TrendSchema,
} from '../../../shared/contracts/index.js';
import {
  bundlesSheet,
  metricsSheet,
  overdueSheet,
  rankingSheet,
  townsSheet,
  workbookOf,
  XLSX_MEDIA_TYPE,
  type SheetData,
} from './metrics.export.js';
import type { MetricsService } from './metrics.service.js';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  422: ErrorBodySchema,
};
const tags = ['supervision'];
const XlsxSchema = z
  .custom<Buffer>((v) => Buffer.isBuffer(v))
  .meta({ type: 'string', format: 'binary', description: 'The workbook (.xlsx)' });
const access =
  'Supervisors see every department; a department lead or reviewer sees their own department only (another is 403 SUPERVISION_DEPARTMENT_FORBIDDEN).';

/** The supervision dashboards' figures (rollups only) and their Excel export. */
export function registerMetricsRoutes(app: HttpServer, deps: { metrics: MetricsService }): void {
  const { metrics } = deps;

  app.get(
    '/api/v1/supervision/metrics',
    {
      schema: {
        tags,
        summary:
          'Figures of the applications received in a period, by one dimension (效能监察指标)',
        description: `Every figure comes from the action history, kept in rollups. ${access}`,
        querystring: MetricsQuerySchema,
        response: { 200: MetricsTableSchema, ...errors },
      },
    },
    async (request) => metrics.table(requirePrincipal(request), request.query),
  );

  app.get(
    '/api/v1/supervision/trend',
    {
      schema: {
        tags,
        summary: 'The figures per day, week or month of a period',
        description: access,
        querystring: TrendQuerySchema,
        response: { 200: TrendSchema, ...errors },
      },
    },
    async (request) => metrics.trend(requirePrincipal(request), request.query),
  );

  app.get(
    '/api/v1/supervision/ranking',
    {
      schema: {
        tags,
        summary:
          'Departments ranked by bad-rating rate (ascending), then on-time rate (descending)',
        description: access,
        querystring: MetricsFilterSchema,
        response: { 200: RankingSchema, ...errors },
      },
    },
    async (request) => metrics.ranking(requirePrincipal(request), request.query),
  );

  app.get(
    '/api/v1/supervision/overdue',
    {
      schema: {
        tags,
        summary:
          'Open steps past or near their limit, with how far their escalation (督办) has gone',
        description: access,
        querystring: MetricsFilterSchema.pick({ department: true }),
        response: { 200: OverdueListSchema, ...errors },
      },
    },
    async (request) => metrics.overdue(requirePrincipal(request), request.query),
  );

  app.get(
    '/api/v1/supervision/bundles',
    {
      schema: {
        tags,
        summary:
          'Bundles (一件事) and their steps: time taken, open steps, which step held the bundle up',
        description: access,
        querystring: MetricsFilterSchema,
        response: { 200: BundlesViewSchema, ...errors },
      },
    },
    async (request) => metrics.bundles(requirePrincipal(request), request.query),
  );

  app.get(
    '/api/v1/supervision/towns',
    {
      schema: {
        tags,
        summary: 'Where the applicants live: city → county, from their division codes (GB/T 2260)',
        description: access,
        querystring: MetricsFilterSchema,
        response: { 200: TownsViewSchema, ...errors },
      },
    },
    async (request) => metrics.towns(requirePrincipal(request), request.query),
  );

  app.get(
    '/api/v1/supervision/export.xlsx',
    {
      schema: {
        tags,
        summary: 'A dashboard table as an Excel workbook (the same figures as the view)',
        description: `view names the table; the other parameters are that view's. ${access}`,
        produces: [XLSX_MEDIA_TYPE],
        querystring: ExportQuerySchema,
        response: { 200: XlsxSchema, ...errors },
      },
    },
    async (request, reply) => {
      const p = requirePrincipal(request);
      const q = request.query;
      const filter = {
        from: q.from,
        to: q.to,
        department: q.department,
        matter: q.matter,
        channel: q.channel,
      };
      let sheet: SheetData;
      let asOf: string;
      switch (q.view) {
        case 'metrics': {
          const t = await metrics.table(p, { ...filter, by: q.by ?? 'department' });
          sheet = metricsSheet(`指标 Metrics (${t.by})`, t.rows, t.totals);
          asOf = t.asOf;
          break;
        }
        case 'trend': {
          const t = await metrics.trend(p, { ...filter, interval: q.interval ?? 'day' });
          sheet = metricsSheet(`趋势 Trend (${t.interval})`, t.rows);
          asOf = t.asOf;
          break;
        }
        case 'ranking': {
          const r = await metrics.ranking(p, filter);
          sheet = rankingSheet(r.rows);
          asOf = r.asOf;
          break;
        }
        case 'overdue': {
          const o = await metrics.overdue(p, { department: q.department });
          sheet = overdueSheet(o);
          asOf = o.asOf;
          break;
        }
        case 'bundles': {
          const b = await metrics.bundles(p, filter);
          sheet = bundlesSheet(b);
          asOf = b.asOf;
          break;
        }
        case 'towns': {
          const t = await metrics.towns(p, filter);
          sheet = townsSheet(t.root);
          asOf = t.asOf;
          break;
        }
      }
      const bytes = await workbookOf(sheet, { title: `OneTrip ${q.view} ${q.from}–${q.to}`, asOf });
      const filename = `supervision-${q.view}-${q.from}-${q.to}.xlsx`;
      return reply
        .type(XLSX_MEDIA_TYPE)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );
}
