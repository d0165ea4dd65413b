import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { z } from 'zod';
import type { Logger } from '../logging/index.js';
import { installErrorHandler, sendNotFound } from './error-handler.js';
import type { AuthPort } from './principal.js';

/** The Fastify instance with the zod type provider, as every module's routes see it. */
export type HttpServer = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The name of the session cookie browsers carry. */
export const SESSION_COOKIE = 'onetrip_session';

export interface ServerOptions {
  logger: Logger;
  auth: AuthPort;
  /** Reports whether the database answers, for /healthz. */
  ping: () => Promise<boolean>;
  publicUrl: string;
  /** Folder of the built web app (index.html and assets), served on the same port if present. */
  webRoot?: string;
  secureCookies: boolean;
  bodyLimitBytes?: number;
  version: string;
  /**
   * `<meta>` tags written into the web app's page as it is served (e.g. the ledger key the
   * browser pins), so they reach the browser apart from any API answer. HTML-escaped values.
   */
  pageMeta?: () => Promise<Record<string, string>>;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Builds the HTTP server with everything cross-cutting: request ids, security headers,
 * cookies, rate limiting (opt-in per route), OpenAPI with Swagger UI at /docs, Prometheus
 * metrics, health, authentication of cookie or bearer token, the one error handler and the
 * web app. Modules then register their routes on it.
 */
export async function buildServer(options: ServerOptions): Promise<HttpServer> {
  const app = Fastify({
    // pino's Logger and Fastify's logger type differ only in generics; tsc needs the cast, the linter does not see why.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: options.logger as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OneTrip (一次办) API',
        description: 'The public interfaces of the OneTrip government services platform.',
        version: options.version,
      },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'onetrip_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'onetrip_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    durations.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const token = bearer ?? request.cookies[SESSION_COOKIE];
    request.principal = token ? await options.auth.authenticate(token) : null;
  });

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database reachability',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.literal('up') }),
          503: z.object({ status: z.literal('degraded'), database: z.literal('down') }),
        },
      },
    },
    async (_request, reply) => {
      const up = await options.ping();
      return up
        ? reply.send({ status: 'ok', database: 'up' })
        : reply.status(503).send({ status: 'degraded', database: 'down' });
    },
  );

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const text = await registry.metrics();
    return reply.type(registry.contentType).send(text);
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webRoot = options.webRoot;
  const hasWeb = !!webRoot && fs.existsSync(path.join(webRoot, 'index.html'));
  // index.html itself is sent by sendPage (with its meta tags), never as a static file.
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      allowedPath: (pathName) => pathName !== '/index.html',
    });
  let page: string | undefined;
  const sendPage = async (reply: import('fastify').FastifyReply) => {
    page ??= await fs.promises.readFile(path.join(webRoot!, 'index.html'), 'utf8');
    const meta = Object.entries((await options.pageMeta?.()) ?? {})
      .map(
        ([name, content]) => `<meta name="${escapeHtml(name)}" content="${escapeHtml(content)}" />`,
      )
      .join('');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(page.replace('</head>', `${meta}</head>`));
  };
  if (hasWeb) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => sendPage(reply));
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url;
    const isApi = /^\/(api|ledger|\.well-known|docs)(\/|$)/.test(url);
    // The web app's own routes (/login, /portal/…) are served its index.html.
    if (
      !hasWeb ||
      isApi ||
      request.method !== 'GET' ||
      path.extname(url.split('?')[0] ?? '') !== ''
    ) {
      return sendNotFound(request, reply);
    }
    return sendPage(reply);
  });

  return app;
}
