import type { Clock } from '../../platform/clock/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Principal } from '../../platform/http/index.js';
import { maskIdNumber } from './mask.js';
import { parseCreditCode, validateCreditCode } from './credit-code.js';
import { parseIdNumber, validateIdNumber } from './id-number.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../schema.js';
import {
  createIdentityRepo,
  type IdentityRepo,
  type OrganizationRow,
  type PersonRow,
} from './identity.repo.js';

/**
 * The register of persons (by identity number) and organisations (by credit code). Numbers
 * are validated (GB 11643, GB 32100) before anything is stored; throws the
 * IDENTITY_INVALID_ID_NUMBER / IDENTITY_INVALID_CREDIT_CODE validation errors.
 */
export function createRegistryService(deps: {
  repo: IdentityRepo;
  clock: Clock;
  ids: IdGenerator;
  /** Records a look-up of a person in the ledger, in the look-up's own transaction. */
  recordAccess?: (
    tx: Kysely<Database>,
    access: { actor: Principal; idNumber: string; purpose: string; fields: string[] },
  ) => Promise<void>;
}) {
  const { repo, clock, ids } = deps;
  return {
    /**
     * A clerk's look-up of an applicant by identity number: the name (to compare with the ID
     * card) and the masked number, recorded as an access to the person's data.
     * Throws IDENTITY_INVALID_ID_NUMBER (422) naming the failed rule.
     */
    async lookupPerson(
      actor: Principal,
      idNumber: string,
      purpose: string,
    ): Promise<{ found: boolean; name: string | null; maskedIdNumber: string }> {
      const parsed = parseIdNumber(idNumber, clock.now());
      return repo.transaction(async (q) => {
        const person = await q.findPersonByIdNumber(parsed.value);
        if (person) {
          await deps.recordAccess?.(q.handle, {
            actor,
            idNumber: parsed.value,
            purpose,
            fields: ['name'],
          });
        }
        return {
          found: !!person,
          name: person?.name ?? null,
          maskedIdNumber: maskIdNumber(parsed.value),
        };
      });
    },

    /** A look-up of an organisation by credit code. Throws IDENTITY_INVALID_CREDIT_CODE (422). */
    async lookupOrganization(
      creditCode: string,
    ): Promise<{ found: boolean; name: string | null; creditCode: string }> {
      const parsed = parseCreditCode(creditCode);
      const org = await repo.findOrganizationByCreditCode(parsed.value);
      return { found: !!org, name: org?.name ?? null, creditCode: parsed.value };
    },

    /** The person with this identity number, created if new (idempotent). */
    async ensurePerson(input: {
      idNumber: string;
      name: string;
      phone?: string;
    }): Promise<PersonRow> {
      const parsed = parseIdNumber(input.idNumber, clock.now());
      const existing = await repo.findPersonByIdNumber(parsed.value);
      if (existing) return existing;
      const row: PersonRow = {
        id: ids.id(),
        id_number: parsed.value,
        name: input.name,
        phone: input.phone ?? null,
        birth_date: parsed.birthDate,
        sex: parsed.sex,
        division_code: parsed.divisionCode,
        created_at: clock.now().toISOString(),
      };
      await repo.insertPerson(row);
      return row;
    },

    /** The organisation with this credit code, created if new (idempotent). */
    async ensureOrganization(input: {
      creditCode: string;
      name: string;
      legalRepresentativeId?: string;
    }): Promise<OrganizationRow> {
      const parsed = parseCreditCode(input.creditCode);
      const existing = await repo.findOrganizationByCreditCode(parsed.value);
      if (existing) return existing;
      const row: OrganizationRow = {
        id: ids.id(),
        credit_code: parsed.value,
        name: input.name,
        legal_representative_id: input.legalRepresentativeId ?? null,
        created_at: clock.now().toISOString(),
      };
      await repo.insertOrganization(row);
      return row;
    },

    /** The person with this id, or undefined; `tx` reads inside another module's transaction. */
    personById: (id: string, tx?: Kysely<Database>) =>
      (tx ? createIdentityRepo(tx) : repo).findPersonById(id),

    /** The organisation with this id, or undefined. */
    organizationById: (id: string) => repo.findOrganizationById(id),

    /** The person with this (validated) identity number, or undefined. */
    async findPerson(idNumber: string): Promise<PersonRow | undefined> {
      return repo.findPersonByIdNumber(parseIdNumber(idNumber, clock.now()).value);
    },

    /** The organisation with this (validated) credit code, or undefined. */
    async findOrganization(creditCode: string): Promise<OrganizationRow | undefined> {
      return repo.findOrganizationByCreditCode(parseCreditCode(creditCode).value);
    },

    /**
     * What an 18-character number is: a valid identity number (GB 11643) or credit code
     * (GB 32100), normalised; null when it is neither.
     */
    identify(number: string): { kind: 'id-number' | 'credit-code'; value: string } | null {
      const person = validateIdNumber(number, clock.now());
      if (person.ok) return { kind: 'id-number', value: person.value };
      const org = validateCreditCode(number);
      return org.ok ? { kind: 'credit-code', value: org.value } : null;
    },

    /** Persons whose name starts with `prefix` (at most `limit`); `%`, `_` and backslashes are ignored. */
    personsNamed: (prefix: string, limit: number): Promise<PersonRow[]> =>
      repo.findPersonsByNamePrefix(prefix.replace(/[%_\\]/g, ''), limit),

    /** Organisations whose name contains `text` (at most `limit`); `%`, `_` and backslashes are ignored. */
    organizationsNamed: (text: string, limit: number): Promise<OrganizationRow[]> =>
      repo.findOrganizationsByName(text.replace(/[%_\\]/g, ''), limit),

    /**
     * Records that `actor` was shown these persons' names (and masked numbers) for `purpose`,
     * as {@link lookupPerson} records a look-up: one access per person, in one transaction.
     */
    async recordLookups(actor: Principal, personIds: string[], purpose: string): Promise<void> {
      const record = deps.recordAccess;
      if (!record || personIds.length === 0) return;
      await repo.transaction(async (q) => {
        for (const id of new Set(personIds)) {
          const person = await q.findPersonById(id);
          if (person)
            await record(q.handle, {
              actor,
              idNumber: person.id_number,
              purpose,
              fields: ['name'],
            });
        }
      });
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
