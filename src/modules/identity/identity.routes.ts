import { z } from 'zod';
import {
  SESSION_COOKIE,
  requirePrincipal,
  requireRole,
  type HttpServer,
} from '../../platform/http/index.js';
import {
  ErrorBodySchema,
  LoginRequestSchema,
  LoginResponseSchema,
  MeSchema,
  SessionProbeSchema,
} from '../../../shared/contracts/index.js';
import type { IdentityService } from './identity.service.js';
import type { RegistryService } from './registry.service.js';

export interface IdentityRouteOptions {
  identity: Pick<IdentityService, 'login' | 'logout' | 'me' | 'sessionAccount'>;
  registry: Pick<RegistryService, 'lookupPerson' | 'lookupOrganization'>;
  secureCookies: boolean;
  sessionHours: number;
  loginRateLimitPerMinute: number;
}

/** Login, logout, the signed-in account and the session probe. */
export function registerIdentityRoutes(app: HttpServer, options: IdentityRouteOptions): void {
  const { identity } = options;

  app.post(
    '/api/v1/auth/login',
    {
      config: { rateLimit: { max: options.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary:
          'Sign in (staff also give a TOTP code); sets the session cookie and returns a bearer token',
        body: LoginRequestSchema,
        response: {
          200: LoginResponseSchema,
          401: ErrorBodySchema,
          423: ErrorBodySchema,
          422: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const result = await identity.login(request.body, { ip: request.ip });
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies,
        path: '/',
        maxAge: Math.round(options.sessionHours * 3600),
      });
      return result;
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the current session',
        response: { 204: z.null(), 401: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await identity.logout(requirePrincipal(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in account',
        response: { 200: MeSchema, 401: ErrorBodySchema },
      },
    },
    async (request) => identity.me(requirePrincipal(request)),
  );

  // The browser's session probe: 200 for a visitor too (GET /me keeps its 401 for clients).
  app.get(
    '/api/v1/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Whether anyone is signed in, and the account if so (200 for visitors too)',
        response: { 200: SessionProbeSchema },
      },
    },
    async (request) => {
      const account = await identity.sessionAccount(request.principal);
      return { signedIn: account !== null, account };
    },
  );

  app.post(
    '/api/v1/persons/lookup',
    {
      schema: {
        tags: ['identity'],
        summary:
          'A clerk looks up an applicant by identity number (recorded as an access to the person’s data)',
        body: z
          .object({
            idNumber: z.string().min(1).max(18).describe('Resident identity number (GB 11643)'),
          })
          .strict(),
        response: {
          200: z.object({
            found: z.boolean(),
            name: z.string().nullable().describe('To compare with the ID card'),
            maskedIdNumber: z.string(),
          }),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          422: ErrorBodySchema,
        },
      },
    },
    async (request) =>
      options.registry.lookupPerson(
        requireRole(request, 'clerk', 'supervisor'),
        request.body.idNumber,
        'window-intake',
      ),
  );

  app.post(
    '/api/v1/organizations/lookup',
    {
      schema: {
        tags: ['identity'],
        summary: 'A clerk looks up an organisation by unified social credit code',
        body: z
          .object({
            creditCode: z.string().min(1).max(18).describe('Unified social credit code (GB 32100)'),
          })
          .strict(),
        response: {
          200: z.object({
            found: z.boolean(),
            name: z.string().nullable(),
            creditCode: z.string(),
          }),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          422: ErrorBodySchema,
        },
      },
    },
    async (request) => {
      requireRole(request, 'clerk', 'supervisor');
      return options.registry.lookupOrganization(request.body.creditCode);
    },
  );
}
