import { z } from 'zod';
import { SESSION_COOKIE, requirePrincipal, type HttpServer } from '../../platform/http/index.js';
import {
  ErrorBodySchema,
  LoginRequestSchema,
  LoginResponseSchema,
  MeSchema,
} from '../../../shared/contracts/index.js';
import type { IdentityService } from './identity.service.js';

export interface IdentityRouteOptions {
  identity: Pick<IdentityService, 'login' | 'logout' | 'me'>;
  secureCookies: boolean;
  sessionHours: number;
  loginRateLimitPerMinute: number;
}

/** Login, logout and the signed-in account. */
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
}
