import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../errors/index.js';
import { StaffRoleSchema, type StaffRole } from '../../../shared/contracts/index.js';

/** Staff roles of the platform (see API.md's demo accounts); the contract is their one list. */
export const STAFF_ROLES = StaffRoleSchema.options;
export type { StaffRole };

/** Who is calling: a signed-in account, as the auth port resolved it. */
export interface Principal {
  accountId: string;
  username: string;
  kind: 'staff' | 'person' | 'company' | 'system';
  roles: StaffRole[];
  /** The department a staff account works for (its scope); undefined for applicants. */
  departmentCode: string | undefined;
  /** The person (natural person) behind the account, for applicants and company representatives. */
  personId: string | undefined;
  /** The organisation a company account represents. */
  organizationId: string | undefined;
  sessionId: string;
}

/** The port the HTTP layer uses to turn a request's cookie or bearer token into a principal. */
export interface AuthPort {
  authenticate(token: string): Promise<Principal | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The signed-in principal; throws 401 AUTH_REQUIRED when nobody is signed in. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw new UnauthorizedError('AUTH_REQUIRED', {
      zh: '请先登录',
      en: 'Please sign in first',
    });
  }
  return request.principal;
}

/** The signed-in principal if it holds one of `roles`; throws 401 or 403 otherwise. */
export function requireRole(request: FastifyRequest, ...roles: StaffRole[]): Principal {
  const principal = requirePrincipal(request);
  if (!roles.some((r) => principal.roles.includes(r))) {
    throw new ForbiddenError('AUTH_FORBIDDEN', {
      zh: '当前账号无权执行此操作',
      en: 'This account is not allowed to do this',
    });
  }
  return principal;
}
