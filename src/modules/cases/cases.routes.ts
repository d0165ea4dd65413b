import { z } from 'zod';
import { requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import {
  ApplicationSummarySchema,
  ApplicationViewSchema,
  DecisionSchema,
  EvaluationSchema,
  PauseSchema,
  RefusalSchema,
  SubmitApplicationSchema,
  SupplyMaterialsSchema,
  TaskViewSchema,
} from '../../../shared/contracts/index.js';
import { presentTask } from './cases.presenter.js';
import type { CasesService } from './cases.service.js';
import type { IntakeService } from './intake.service.js';
import type { TasksService } from './tasks.service.js';
import { caseErrorResponses } from './route-errors.js';

const errors = caseErrorResponses;
const IdParams = z.object({ id: z.string().min(1).max(64).describe('Id') });
// The statuses a queue can be filtered by are the task view's own.
const TASK_STATUSES = TaskViewSchema.shape.status.options;

/** The case engine's HTTP API: applications, tasks, decisions, ratings (hand-over: hand-over.routes.ts). */
export function registerCasesRoutes(
  app: HttpServer,
  deps: { cases: CasesService; intake: IntakeService; tasks: TasksService },
): void {
  const { cases, intake, tasks } = deps;

  app.post(
    '/api/v1/applications',
    {
      schema: {
        tags: ['applications'],
        summary:
          'Submit an application for a matter or bundle: accepted with its tasks, or deficient with the one-time notice',
        headers: z.object({
          'idempotency-key': z
            .string()
            .min(1)
            .max(128)
            .optional()
            .describe('Same key, same result: nothing is created twice'),
        }),
        body: SubmitApplicationSchema,
        response: { 201: ApplicationViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const p = requirePrincipal(request);
      const { id, replayed } = await intake.submit(
        p,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(await cases.get(p, id));
    },
  );

  app.get(
    '/api/v1/applications',
    {
      schema: {
        tags: ['applications'],
        summary: 'Applications the caller may see (applicants: their own), newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(ApplicationSummarySchema) }), ...errors },
      },
    },
    async (request) => ({
      items: await cases.list(requirePrincipal(request), request.query.limit),
    }),
  );

  app.get(
    '/api/v1/applications/:id',
    {
      schema: {
        tags: ['applications'],
        summary: 'Status, tasks, deadlines and the full action history',
        params: IdParams,
        response: { 200: ApplicationViewSchema, ...errors },
      },
    },
    async (request) => cases.get(requirePrincipal(request), request.params.id),
  );

  app.post(
    '/api/v1/applications/:id/materials',
    {
      schema: {
        tags: ['applications'],
        summary: 'Supply what the one-time notice or a supplement request (补正) asked for',
        params: IdParams,
        body: SupplyMaterialsSchema,
        response: { 200: ApplicationViewSchema, ...errors },
      },
    },
    async (request) => {
      const p = requirePrincipal(request);
      await intake.supply(p, request.params.id, request.body.materials);
      return cases.get(p, request.params.id);
    },
  );

  app.post(
    '/api/v1/applications/:id/refusal',
    {
      schema: {
        tags: ['applications'],
        summary: '不予受理: refuse intake with a reason',
        params: IdParams,
        body: RefusalSchema,
        response: { 200: ApplicationViewSchema, ...errors },
      },
    },
    async (request) => {
      const p = requirePrincipal(request);
      await intake.refuse(p, request.params.id, request.body.reason);
      return cases.get(p, request.params.id);
    },
  );

  app.post(
    '/api/v1/applications/:id/withdrawal',
    {
      schema: {
        tags: ['applications'],
        summary: 'The applicant withdraws the application',
        params: IdParams,
        body: z
          .object({ reason: z.string().max(500).optional() })
          .strict()
          .default({}),
        response: { 200: ApplicationViewSchema, ...errors },
      },
    },
    async (request) => {
      const p = requirePrincipal(request);
      await intake.withdraw(p, request.params.id, request.body.reason);
      return cases.get(p, request.params.id);
    },
  );

  app.post(
    '/api/v1/applications/:id/evaluation',
    {
      schema: {
        tags: ['applications'],
        summary: '好差评: rate the application 1–5 (and each department)',
        params: IdParams,
        body: EvaluationSchema,
        response: { 200: ApplicationViewSchema, ...errors },
      },
    },
    async (request) => cases.evaluate(requirePrincipal(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'A department’s queue, soonest due first (reviewers: their own department)',
        querystring: z.object({
          status: z
            .string()
            .optional()
            .transform((s, ctx) => {
              if (!s) return undefined;
              const list = s.split(',');
              const bad = list.find((x) => !(TASK_STATUSES as readonly string[]).includes(x));
              if (bad) ctx.addIssue({ code: 'custom', message: `unknown status ${bad}` });
              return list as (typeof TASK_STATUSES)[number][];
            })
            .describe('Comma-separated statuses, e.g. `open,claimed`'),
          department: z.string().max(32).optional().describe('Department code (supervisors)'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(TaskViewSchema) }), ...errors },
      },
    },
    async (request) => {
      const rows = await tasks.queue(requirePrincipal(request), request.query);
      return {
        items: rows.map((r) =>
          presentTask(
            r,
            {
              definition: r.definition,
              context: r.context,
              receipt_no: r.receipt_no,
            },
            tasks.dueProvisional,
          ),
        ),
      };
    },
  );

  app.post(
    '/api/v1/tasks/:id/claim',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Claim an open task',
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await tasks.claim(requirePrincipal(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/tasks/:id/decision',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'Decide a task: approve (with outputs), reject (with reason) or request a supplement (pauses the clock)',
        params: IdParams,
        body: DecisionSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await tasks.decide(requirePrincipal(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/tasks/:id/pause',
    {
      schema: {
        tags: ['tasks'],
        summary: 'A statutory pause (expert review, testing …)',
        params: IdParams,
        body: PauseSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await tasks.pause(
        requirePrincipal(request),
        request.params.id,
        request.body.reason,
        request.body.comment,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/tasks/:id/resume',
    {
      schema: {
        tags: ['tasks'],
        summary: 'End a statutory pause',
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await tasks.resume(requirePrincipal(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
