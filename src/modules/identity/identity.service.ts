import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../schema.js';
import type { Clock } from '../../platform/clock/index.js';
import { toRfc3339 } from '../../platform/clock/index.js';
import type { SecretBox } from '../../platform/crypto/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Principal, StaffRole } from '../../platform/http/index.js';
import type { LoginRequest, LoginResponse, Me } from '../../../shared/contracts/index.js';
import { IdentityErrors } from './identity.errors.js';
import { createIdentityRepo, type AccountRow, type IdentityRepo } from './identity.repo.js';
import type { LoginOutcome } from './identity.tables.js';
import { maskIdNumber } from './mask.js';
import { hashPassword, verifyPassword } from './password.js';
import { matchTotp, newTotpSecret } from './totp.js';

/** How many failed attempts lock an account, and for how long. */
export interface LockPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export interface IdentityServiceDeps {
  repo: IdentityRepo;
  clock: Clock;
  ids: IdGenerator;
  /** Seals TOTP seeds at rest. */
  secretBox: SecretBox;
  sessionHours: number;
  lockPolicy?: LockPolicy;
  /** scrypt cost as log2(N); 15 by default. */
  passwordLogN?: number;
  /** Names of departments by code, for showing a staff account's scope. */
  departmentName?: (code: string) => string | undefined;
}

/** A new account to create (CLI `users create`, demo seed, admin). */
export interface NewAccount {
  username: string;
  password: string;
  kind: 'staff' | 'person' | 'company';
  displayName: string;
  roles?: StaffRole[];
  departmentCode?: string;
  personId?: string;
  organizationId?: string;
  /** A given TOTP seed (base32); a random one is made for staff when absent. */
  totpSecret?: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
/** API keys are told from session tokens by this prefix. */
const API_KEY_PREFIX = 'otk_';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function parseRoles(json: string): StaffRole[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? (value as StaffRole[]) : [];
}

/**
 * Accounts and login: scrypt passwords, a TOTP second factor for every staff account,
 * locking after repeated failures, sessions (cookie or bearer token) and a record of every
 * attempt. Throws the AUTH_* errors of identity.errors.ts.
 */
export function createIdentityService(deps: IdentityServiceDeps) {
  const { repo, clock, ids, secretBox } = deps;
  const lock = deps.lockPolicy ?? { maxFailures: 5, lockMinutes: 15 };
  const logN = deps.passwordLogN ?? 15;

  async function record(
    account: AccountRow | undefined,
    username: string,
    outcome: LoginOutcome,
    ip: string | null,
  ) {
    await repo.recordLogin({
      id: ids.id(),
      account_id: account?.id ?? null,
      username: username.slice(0, 100),
      outcome,
      ip,
      at: clock.now().toISOString(),
    });
  }

  async function fail(
    account: AccountRow,
    outcome: LoginOutcome,
    ip: string | null,
  ): Promise<void> {
    const failures = account.failed_attempts + 1;
    const lockNow = failures >= lock.maxFailures;
    await repo.updateAccount(account.id, {
      failed_attempts: lockNow ? 0 : failures,
      locked_until: lockNow
        ? new Date(clock.now().getTime() + lock.lockMinutes * 60_000).toISOString()
        : account.locked_until,
    });
    await record(account, account.username, outcome, ip);
  }

  async function presentAccount(account: AccountRow): Promise<Me> {
    const person = account.person_id ? await repo.findPersonById(account.person_id) : undefined;
    const org = account.organization_id
      ? await repo.findOrganizationById(account.organization_id)
      : undefined;
    const code = account.department_code;
    return {
      id: account.id,
      username: account.username,
      displayName: account.display_name,
      kind: account.kind === 'system' ? 'staff' : account.kind,
      roles: parseRoles(account.roles),
      department: code ? { code, name: deps.departmentName?.(code) ?? code } : null,
      maskedIdNumber: person ? maskIdNumber(person.id_number) : null,
      organization: org ? { name: org.name, creditCode: org.credit_code } : null,
    };
  }

  return {
    /**
     * Signs in with username, password and (for staff) a TOTP code; returns a new session.
     * Throws AUTH_INVALID_CREDENTIALS, AUTH_TOTP_REQUIRED, AUTH_TOTP_INVALID, AUTH_ACCOUNT_LOCKED.
     */
    async login(input: LoginRequest, meta: { ip: string | null }): Promise<LoginResponse> {
      const now = clock.now();
      const account = await repo.findAccountByUsername(input.username.trim().toLowerCase());
      if (!account) {
        // Spend the same time as a real check so timing does not reveal which names exist.
        await verifyPassword(input.password, `scrypt$${logN}$AAAAAAAAAAAAAAAAAAAAAA$AAAA`);
        await record(undefined, input.username, 'unknown-user', meta.ip);
        throw IdentityErrors.invalidCredentials();
      }
      if (account.locked_until && account.locked_until > now.toISOString()) {
        await record(account, account.username, 'locked', meta.ip);
        throw IdentityErrors.locked(toRfc3339(new Date(account.locked_until)));
      }
      if (account.disabled || account.kind === 'system') {
        await record(account, account.username, 'disabled', meta.ip);
        throw IdentityErrors.disabled();
      }
      if (!(await verifyPassword(input.password, account.password_hash))) {
        await fail(account, 'bad-password', meta.ip);
        throw IdentityErrors.invalidCredentials();
      }
      if (account.kind === 'staff') {
        if (!account.totp_secret_sealed) throw IdentityErrors.totpInvalid();
        if (!input.totp) {
          await record(account, account.username, 'totp-required', meta.ip);
          throw IdentityErrors.totpRequired();
        }
        const step = matchTotp(secretBox.open(account.totp_secret_sealed), input.totp, now);
        if (step === null || !(await repo.advanceTotpStep(account.id, step))) {
          await fail(account, 'bad-totp', meta.ip);
          throw IdentityErrors.totpInvalid();
        }
      }
      await repo.updateAccount(account.id, { failed_attempts: 0, locked_until: null });
      const token = ids.token(32);
      const expires = new Date(now.getTime() + deps.sessionHours * 3600_000);
      await repo.insertSession({
        id: ids.id(),
        account_id: account.id,
        token_hash: sha256(token),
        created_at: now.toISOString(),
        expires_at: expires.toISOString(),
      });
      await record(account, account.username, 'success', meta.ip);
      return { token, expiresAt: toRfc3339(expires), account: await presentAccount(account) };
    },

    /** The principal of a live session token, or null for an unknown, expired or revoked one. */
    async authenticate(token: string): Promise<Principal | null> {
      if (token.length < 16 || token.length > 200) return null;
      if (token.startsWith(API_KEY_PREFIX)) {
        const key = await repo.findApiKeyAccount(sha256(token));
        if (!key || key.disabled) return null;
        return {
          accountId: key.account_id,
          username: key.username,
          kind: 'system',
          roles: parseRoles(key.roles),
          departmentCode: key.department_code ?? undefined,
          personId: undefined,
          organizationId: undefined,
          sessionId: `api-key:${key.key_id}`,
        };
      }
      const row = await repo.findLiveSession(sha256(token), clock.now().toISOString());
      if (!row || row.disabled) return null;
      return {
        accountId: row.account_id,
        username: row.username,
        kind: row.kind,
        roles: parseRoles(row.roles),
        departmentCode: row.department_code ?? undefined,
        personId: row.person_id ?? undefined,
        organizationId: row.organization_id ?? undefined,
        sessionId: row.session_id,
      };
    },

    /**
     * Issues an API key for a department's own system: it acts as that department's reviewer
     * (decides its tasks, files inter-department applications). The key is shown only once.
     */
    async createApiKey(
      departmentCode: string,
      name: string,
    ): Promise<{ key: string; username: string }> {
      const username = `system.${departmentCode}`;
      let account = await repo.findAccountByUsername(username);
      if (!account) {
        await repo.insertAccount({
          id: ids.id(),
          username,
          kind: 'system',
          display_name: `${deps.departmentName?.(departmentCode) ?? departmentCode}业务系统`,
          password_hash: '!',
          totp_secret_sealed: null,
          totp_last_step: null,
          roles: JSON.stringify(['reviewer']),
          department_code: departmentCode,
          person_id: null,
          organization_id: null,
          failed_attempts: 0,
          locked_until: null,
          disabled: 0,
          created_at: clock.now().toISOString(),
        });
        account = await repo.findAccountByUsername(username);
      }
      const key = `${API_KEY_PREFIX}${ids.token(32)}`;
      await repo.insertApiKey({
        id: ids.id(),
        account_id: account!.id,
        name,
        key_hash: sha256(key),
        created_at: clock.now().toISOString(),
      });
      return { key, username };
    },

    /** Ends the caller's session. */
    async logout(principal: Principal): Promise<void> {
      await repo.revokeSession(principal.sessionId, clock.now().toISOString());
      await repo.recordLogin({
        id: ids.id(),
        account_id: principal.accountId,
        username: principal.username,
        outcome: 'logout',
        ip: null,
        at: clock.now().toISOString(),
      });
    },

    /** The signed-in account as the client sees it (identity number masked). */
    async me(principal: Principal): Promise<Me> {
      const account = await repo.findAccountById(principal.accountId);
      if (!account || account.kind === 'system') throw IdentityErrors.invalidCredentials();
      return presentAccount(account);
    },

    /**
     * The account behind a request, or null when nobody is signed in; API keys (system
     * accounts) are not sign-ins and count as nobody. Never throws for a missing session.
     */
    async sessionAccount(principal: Principal | null): Promise<Me | null> {
      if (!principal) return null;
      const account = await repo.findAccountById(principal.accountId);
      return account && account.kind !== 'system' ? presentAccount(account) : null;
    },

    /**
     * Creates an account; staff get a TOTP seed (the given one or a new random one), which is
     * returned once so it can be put in an authenticator. Throws IDENTITY_USERNAME_TAKEN.
     */
    async createAccount(input: NewAccount): Promise<{ id: string; totpSecret: string | null }> {
      const username = input.username.trim().toLowerCase();
      if (!USERNAME.test(username)) {
        throw IdentityErrors.invalidAccount(
          'username',
          'lowercase letters, digits, dot, dash, underscore; 2-64 characters',
        );
      }
      if (input.password.length < 8)
        throw IdentityErrors.invalidAccount('password', 'at least 8 characters');
      if (input.kind === 'staff' && (input.roles ?? []).length === 0) {
        throw IdentityErrors.invalidAccount('roles', 'a staff account needs at least one role');
      }
      if (await repo.findAccountByUsername(username)) throw IdentityErrors.usernameTaken(username);
      const totpSecret = input.kind === 'staff' ? (input.totpSecret ?? newTotpSecret()) : null;
      const id = ids.id();
      await repo.insertAccount({
        id,
        username,
        kind: input.kind,
        display_name: input.displayName,
        password_hash: await hashPassword(input.password, logN),
        totp_secret_sealed: totpSecret ? secretBox.seal(totpSecret) : null,
        totp_last_step: null,
        roles: JSON.stringify(input.roles ?? []),
        department_code: input.departmentCode ?? null,
        person_id: input.personId ?? null,
        organization_id: input.organizationId ?? null,
        failed_attempts: 0,
        locked_until: null,
        disabled: 0,
        created_at: clock.now().toISOString(),
      });
      return { id, totpSecret };
    },

    /** Whether an account with this name exists. */
    async accountExists(username: string): Promise<boolean> {
      return (await repo.findAccountByUsername(username.toLowerCase())) !== undefined;
    },

    /**
     * The enabled staff accounts with a role, of one department or all, by account name; `tx`
     * reads inside the caller's transaction.
     */
    staffWithRole: (role: StaffRole, departmentCode?: string, tx?: Kysely<Database>) =>
      (tx ? createIdentityRepo(tx) : repo).staffWithRole(role, departmentCode),

    /** The display names of accounts, by id (unknown ids are left out). */
    async displayNames(ids: string[]): Promise<Map<string, string>> {
      const rows = await repo.displayNames([...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, r.display_name]));
    },

    /** How many accounts exist (0 means an empty platform, where demo mode seeds). */
    countAccounts: () => repo.countAccounts(),

    /** The login attempts of one account, newest first. */
    loginHistory: (username: string, limit = 50) => repo.listLoginEvents({ username, limit }),
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
