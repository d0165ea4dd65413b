import { z } from 'zod';
import { requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import {
  BilingualTextSchema,
  DataAccessSchema as AccessSchema,
  DataFieldSchema,
  DataPreviewSchema,
  DataRequestSchema as RequestSchema,
  ErrorBodySchema,
} from '../../../shared/contracts/index.js';
import { DATA_ITEMS, DATA_SOURCES } from './datahub.items.js';
import type { ProofsService } from './datahub.proofs.js';
import { registerProofsRoutes } from './datahub.proofs.routes.js';
import type { DatahubRequestsService } from './datahub.requests.js';
import type { DatahubService } from './datahub.service.js';
import type { noProofStats } from './datahub.stats.js';

const errors = {
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  422: ErrorBodySchema,
  503: ErrorBodySchema,
};
const Code = z.string().min(1).max(64);

const QueryBodySchema = z
  .object({
    subject: z
      .string()
      .min(1)
      .max(32)
      .describe('Identity number or unified social credit code the data is about'),
    items: z
      .array(
        z.object({
          source: Code.describe('Source department code, e.g. `psb`'),
          item: Code.describe('Data item code, e.g. `household-register`'),
          fields: z
            .array(Code)
            .min(1)
            .max(50)
            .optional()
            .describe(
              'Fields wanted, among those the matters of your steps declare (default: the declared ones, never the whole item); another is refused with DATAHUB_FIELD_NOT_ALLOWED',
            ),
        }),
      )
      .min(1)
      .max(20)
      .describe('The data items wanted'),
    purpose: z
      .object({
        applicationId: z
          .string()
          .min(1)
          .max(64)
          .optional()
          .describe('The application the data is needed for'),
      })
      .optional()
      .describe('Why the data is read: required (DATAHUB_PURPOSE_REQUIRED)'),
  })
  .describe('A purpose-bound query of the data hub');

const QueryResultSchema = z.object({
  accessId: z.string().describe('The access record (also in the ledger)'),
  purpose: z
    .object({ applicationId: z.string(), receiptNo: z.string() })
    .describe('The application it was read for'),
  subject: z.string().describe('The subject, masked'),
  items: z.array(
    z.object({
      source: z.string(),
      item: z.string(),
      found: z.boolean().describe('Whether the source holds a record'),
      data: z
        .record(z.string(), z.unknown())
        .nullable()
        .describe('The fields asked for (or declared) of the record, and nothing else'),
    }),
  ),
});

const RefusalSchema = z.object({
  id: z.string(),
  at: z.string().describe('When it was refused'),
  actor: z.string().describe('The account that asked'),
  actorRole: z.string(),
  department: z.string().nullable(),
  applicationId: z.string().nullable().describe('The application named as the purpose, as given'),
  code: z.string().describe('The error code it was refused with, e.g. DATAHUB_FIELD_NOT_ALLOWED'),
  items: z
    .array(
      z.object({ source: z.string(), item: z.string(), fields: z.array(z.string()).optional() }),
    )
    .describe('What was asked (nothing was read)'),
});

const GuideCountSchema = z.object({
  code: z.string(),
  name: BilingualTextSchema,
  materials: z.number().int(),
  byDatahub: z.number().int(),
  byBundle: z.number().int(),
  noLongerAsked: z.number().int(),
});
const TotalSchema = z.object({
  guides: z.number().int(),
  materials: z.number().int(),
  byDatahub: z.number().int(),
  byBundle: z.number().int(),
  noLongerAsked: z.number().int(),
  share: z.number(),
});

/** The data hub's routes: queries, preview, the person's access list, contests, corrections, 无证明 count, e-proofs. */
export function registerDatahubRoutes(
  app: HttpServer,
  deps: {
    datahub: DatahubService;
    requests: DatahubRequestsService;
    proofs?: ProofsService;
    stats: () => ReturnType<typeof noProofStats>;
  },
): void {
  const { datahub, requests } = deps;
  if (deps.proofs) registerProofsRoutes(app, { proofs: deps.proofs });
  app.get(
    '/api/v1/datahub/items',
    {
      schema: {
        tags: ['datahub'],
        summary: 'The sources and data items of the data hub, with fields and sensitivity',
        response: {
          200: z.object({
            sources: z.array(z.object({ code: z.string(), name: BilingualTextSchema })),
            items: z.array(
              z.object({
                source: z.string(),
                item: z.string(),
                name: BilingualTextSchema,
                subject: z.enum(['person', 'organization']),
                fields: z.array(DataFieldSchema),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ sources: DATA_SOURCES, items: DATA_ITEMS }),
  );
  app.post(
    '/api/v1/datahub/queries',
    {
      schema: {
        tags: ['datahub'],
        summary: 'A purpose-bound query (reviewers and departments’ systems)',
        body: QueryBodySchema,
        response: { 200: QueryResultSchema, ...errors },
      },
    },
    async (request) => datahub.query(requirePrincipal(request), request.body),
  );
  app.get(
    '/api/v1/datahub/refusals',
    {
      schema: {
        tags: ['datahub'],
        summary: 'Refused data-hub queries, newest first (supervision office)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(RefusalSchema) }), ...errors },
      },
    },
    async (request) => ({
      items: await datahub.refusals(requirePrincipal(request), request.query.limit),
    }),
  );
  app.post(
    '/api/v1/datahub/preview',
    {
      schema: {
        tags: ['datahub'],
        summary:
          'What submitting a matter or bundle will fetch about me (recorded as my own access)',
        body: z
          .object({ bundle: Code.optional(), matter: Code.optional() })
          .refine((b) => !b.bundle !== !b.matter, {
            message: 'give exactly one of bundle or matter',
          }),
        response: { 200: DataPreviewSchema, ...errors },
      },
    },
    async (request) => {
      const b = request.body;
      return datahub.preview(
        requirePrincipal(request),
        b.bundle ? 'bundle' : 'matter',
        (b.bundle ?? b.matter)!,
      );
    },
  );
  app.get(
    '/api/v1/me/data-access',
    {
      schema: {
        tags: ['datahub'],
        summary: 'Every access to my data, newest first, with ledger proofs',
        response: { 200: z.object({ items: z.array(AccessSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await datahub.myAccesses(requirePrincipal(request)) }),
  );
  app.post(
    '/api/v1/me/data-access/:id/contest',
    {
      schema: {
        tags: ['datahub'],
        summary: 'Contest an access to my data (a task for the supervision office)',
        params: z.object({ id: Code }),
        body: z.object({
          reason: z.string().min(1).max(500).describe('Why the access looks wrong'),
        }),
        response: { 201: RequestSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await requests.contest(requirePrincipal(request), request.params.id, request.body.reason),
        ),
  );
  app.post(
    '/api/v1/me/data-corrections',
    {
      schema: {
        tags: ['datahub'],
        summary: 'Ask the source department to correct a field of my record',
        body: z.object({
          source: Code,
          item: Code,
          field: Code,
          proposed: z.string().min(1).max(200),
          reason: z.string().min(1).max(500),
        }),
        response: { 201: RequestSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await requests.correct(requirePrincipal(request), request.body)),
  );
  app.get(
    '/api/v1/me/data-requests',
    {
      schema: {
        tags: ['datahub'],
        summary: 'My contests and corrections',
        response: { 200: z.object({ items: z.array(RequestSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await requests.mine(requirePrincipal(request)) }),
  );
  app.get(
    '/api/v1/datahub/requests',
    {
      schema: {
        tags: ['datahub'],
        summary: "My department's contests (supervision) or corrections (source department)",
        response: { 200: z.object({ items: z.array(RequestSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await requests.forDepartment(requirePrincipal(request)) }),
  );
  app.get(
    '/api/v1/catalog/no-proof-stats',
    {
      schema: {
        tags: ['catalog'],
        summary:
          '无证明: how many materials are no longer asked for, per matter and bundle and overall',
        response: {
          200: z.object({
            matters: z.array(GuideCountSchema),
            bundles: z.array(GuideCountSchema),
            overall: z.object({ matters: TotalSchema, bundles: TotalSchema }),
          }),
        },
      },
    },
    async () => deps.stats(),
  );
}
