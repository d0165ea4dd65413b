import Fastify, { type FastifyBaseLogger } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarDeadlineSchema } from '../../../shared/contracts/calendar.js';
import { ErrorBodySchema } from '../../../shared/contracts/errors.js';
import { installErrorHandler, type HttpServer } from '../http/index.js';
import { createLogger } from '../logging/index.js';
import { createWorkingCalendar } from './calendar.js';
import { registerCalendarRoutes } from './calendar.routes.js';
import { shippedYearFiles } from './calendar.store.js';
import { provisionalYearFile } from './provisional.js';

// A bare Fastify with the platform's zod compilers and error handler: the route as the real
// server runs it, without the database, auth and plugins buildServer brings.
let app: HttpServer;
// Typed as Fastify's logger, as buildServer does, so the instance has the HttpServer type.
const logger: FastifyBaseLogger = createLogger({ level: 'silent', pretty: false });

async function buildTestServer(): Promise<HttpServer> {
  const server = Fastify({
    loggerInstance: logger,
  }).withTypeProvider<ZodTypeProvider>();
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  installErrorHandler(server);
  return server;
}

beforeAll(async () => {
  app = await buildTestServer();
  // As the platform runs it: provisional years on, so intake never stops in December.
  const calendar = createWorkingCalendar(shippedYearFiles(), { provisional: provisionalYearFile });
  registerCalendarRoutes(app, {
    calendar,
    status: () => ({ years: [], provisionalYears: [], warning: null }),
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

async function get(query: string, headers: Record<string, string> = {}) {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/calendar/deadline?${query}`,
    headers,
  });
  return { status: response.statusCode, body: response.json<unknown>() };
}

describe('GET /api/v1/calendar/deadline', () => {
  it('answers the due time of a working-day limit across the Spring Festival', async () => {
    const { status, body } = await get(
      `from=${encodeURIComponent('2026-02-12T10:00:00+08:00')}&workingDays=20`,
    );
    expect(status).toBe(200);
    const deadline = CalendarDeadlineSchema.parse(body);
    expect(deadline).toMatchObject({
      from: '2026-02-12T10:00:00+08:00',
      workingDays: 20,
      dueAt: '2026-03-18T17:30:00+08:00',
    });
    expect(deadline.workingDaysCounted).toHaveLength(20);
    expect(deadline.workingDaysCounted.slice(0, 3)).toEqual([
      '2026-02-13',
      '2026-02-14',
      '2026-02-24',
    ]);
    expect(body).not.toHaveProperty('workingHours');
  });

  it('answers a working-hours limit, and gives `from` back in +08:00', async () => {
    const { status, body } = await get(`from=2026-02-13T08:30:00Z&workingHours=2`);
    expect(status).toBe(200);
    expect(body).toEqual({
      from: '2026-02-13T16:30:00+08:00',
      workingHours: 2,
      dueAt: '2026-02-14T10:00:00+08:00',
      workingDaysCounted: ['2026-02-13', '2026-02-14'],
      provisional: false,
      provisionalYears: [],
    });
  });

  it('reads an unencoded + (which arrives as a space) as the offset sign', async () => {
    const { status, body } = await get('from=2026-02-13T10:00:00+08:00&workingDays=1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ dueAt: '2026-02-14T17:30:00+08:00' });
  });

  it.each([
    ['from=yesterday&workingDays=1', 'querystring.from'],
    ['from=2026-02-30T10:00:00%2B08:00&workingDays=1', 'querystring.from'],
    ['from=2026-02-12T10:00:00&workingDays=1', 'querystring.from'], // no offset
    ['workingDays=1', 'querystring.from'],
    ['from=2026-02-12T10:00:00Z', 'querystring.workingDays'],
    ['from=2026-02-12T10:00:00Z&workingDays=1&workingHours=2', 'querystring.workingDays'],
    ['from=2026-02-12T10:00:00Z&workingDays=0', 'querystring.workingDays'],
    ['from=2026-02-12T10:00:00Z&workingDays=1.5', 'querystring.workingDays'],
    ['from=2026-02-12T10:00:00Z&workingDays=abc', 'querystring.workingDays'],
    ['from=2026-02-12T10:00:00Z&workingHours=-3', 'querystring.workingHours'],
  ])('%s → 422 at %s', async (query, path) => {
    const { status, body } = await get(query);
    expect(status).toBe(422);
    const error = ErrorBodySchema.parse(body).error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual({
      issues: [expect.objectContaining({ path }) as unknown],
    });
  });

  it('answers 422 CALENDAR_YEAR_UNKNOWN for a limit that runs into 2027, in the asked language', async () => {
    const query = `from=${encodeURIComponent('2026-12-15T10:00:00+08:00')}&workingDays=20`;
    const zh = await get(query);
    expect(zh.status).toBe(422);
    expect(zh.body).toMatchObject({
      error: {
        code: 'CALENDAR_YEAR_UNKNOWN',
        details: { year: 2027 },
        message: expect.stringContaining('2027年') as unknown,
      },
    });
    const en = await get(query, { 'accept-language': 'en' });
    expect(en.body).toMatchObject({
      error: {
        message: expect.stringContaining('No holiday arrangement is loaded for 2027') as unknown,
      },
    });
  });

  it('counts on the provisional 2027 when the caller opts in, and says so', async () => {
    const from = encodeURIComponent('2026-12-31T10:00:00+08:00');
    const { status, body } = await get(`from=${from}&workingDays=20&provisional=true`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      dueAt: '2027-01-29T17:30:00+08:00',
      provisional: true,
      provisionalYears: [2027],
    });
    const strict = await get(`from=${from}&workingDays=20&provisional=false`);
    expect(strict.status).toBe(422);
  });
});

describe('OpenAPI', () => {
  it('documents the query fields with their descriptions', async () => {
    const server = Fastify({
      loggerInstance: logger,
    }).withTypeProvider<ZodTypeProvider>();
    server.setValidatorCompiler(validatorCompiler);
    server.setSerializerCompiler(serializerCompiler);
    await server.register(fastifySwagger, {
      openapi: { openapi: '3.1.0', info: { title: 'test', version: '0' } },
      transform: jsonSchemaTransform,
    });
    registerCalendarRoutes(server, {
      calendar: createWorkingCalendar(shippedYearFiles()),
      status: () => ({ years: [], provisionalYears: [], warning: null }),
    });
    await server.ready();
    const doc = server.swagger() as {
      paths: Record<
        string,
        { get: { parameters: Array<{ name: string; in: string; description?: string }> } }
      >;
    };
    const parameters = doc.paths['/api/v1/calendar/deadline']?.get.parameters ?? [];
    expect(parameters.map((p) => [p.name, p.in])).toEqual([
      ['from', 'query'],
      ['workingDays', 'query'],
      ['workingHours', 'query'],
      ['provisional', 'query'],
    ]);
    expect(parameters.every((p) => (p.description ?? '').length > 0)).toBe(true);
    await server.close();
  });
});
