import type { Kysely } from 'kysely';
import type { CredentialView } from '../../../shared/contracts/credentials.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Database } from '../../schema.js';
import { CredentialsErrors } from './credentials.errors.js';
import type { CredentialsService } from './credentials.service.js';

/** The registry credentials a person may add to their wallet. */
export type RegistryType =
  'ResidentIdCard' | 'HouseholdRegister' | 'DrivingLicence' | 'ResidencePermit';

/** One read of a data hub item for a registry credential. */
interface Read {
  source: string;
  item: string;
  fields: string[];
}

/** What a registry credential reads and how its claims come from the records read. */
interface RegistrySpec {
  reads: Read[];
  claims(
    data: Record<string, Record<string, unknown>>,
    person: { idNumber: string; name: string },
  ): Record<string, unknown>;
  /** The record's own expiry (YYYY-MM-DD), if it has one. */
  validUntil?(data: Record<string, Record<string, unknown>>): unknown;
}

/** The registry credentials in words, for what is said to the person. */
const REGISTRY_NAMES: Record<RegistryType, { zh: string; en: string }> = {
  ResidentIdCard: { zh: '居民身份证', en: 'Resident identity card' },
  HouseholdRegister: { zh: '居民户口簿', en: 'Household register' },
  DrivingLicence: { zh: '机动车驾驶证', en: 'Driving licence' },
  ResidencePermit: { zh: '居住证', en: 'Residence permit' },
};

const pick = (o: Record<string, unknown> | undefined, k: string): unknown => o?.[k];

/** Each registry credential: the data hub items it reads and the claims it carries. */
export const REGISTRY_SPECS: Record<RegistryType, RegistrySpec> = {
  ResidentIdCard: {
    reads: [
      {
        source: 'psb',
        item: 'population-basic',
        fields: ['name', 'idNumber', 'sex', 'birthDate', 'address'],
      },
    ],
    claims: (d, p) => {
      const r = d['psb/population-basic'];
      return {
        idNumber: pick(r, 'idNumber') ?? p.idNumber,
        name: pick(r, 'name') ?? p.name,
        sex: pick(r, 'sex'),
        birthDate: pick(r, 'birthDate'),
        address: pick(r, 'address'),
      };
    },
  },
  HouseholdRegister: {
    reads: [
      {
        source: 'psb',
        item: 'household-register',
        fields: ['householdNo', 'head', 'relation', 'address'],
      },
    ],
    claims: (d, p) => {
      const r = d['psb/household-register'];
      return {
        householdNumber: pick(r, 'householdNo'),
        householdHead: pick(r, 'head'),
        relation: pick(r, 'relation'),
        idNumber: p.idNumber,
        name: p.name,
        address: pick(r, 'address'),
      };
    },
  },
  DrivingLicence: {
    reads: [{ source: 'transport', item: 'driving-licence', fields: ['class', 'validUntil'] }],
    // A Chinese driving licence's number is its holder's identity number.
    claims: (d, p) => {
      const r = d['transport/driving-licence'];
      return {
        licenceNumber: p.idNumber,
        idNumber: p.idNumber,
        name: p.name,
        vehicleClass: pick(r, 'class'),
        validUntil: pick(r, 'validUntil'),
      };
    },
    validUntil: (d) => pick(d['transport/driving-licence'], 'validUntil'),
  },
  ResidencePermit: {
    reads: [
      {
        source: 'psb',
        item: 'residence-permit',
        fields: ['permitNumber', 'residenceAddress', 'validUntil'],
      },
    ],
    claims: (d, p) => {
      const r = d['psb/residence-permit'];
      return {
        permitNumber: pick(r, 'permitNumber'),
        idNumber: p.idNumber,
        name: p.name,
        residenceAddress: pick(r, 'residenceAddress'),
        validUntil: pick(r, 'validUntil'),
      };
    },
    validUntil: (d) => pick(d['psb/residence-permit'], 'validUntil'),
  },
};

/** How registry issuance reads the data hub: a person's own read, recorded in their access log. */
export interface RegistryReadPort {
  /** The record of `source/item` for `subjectKey`, only `fields`; null when there is none. */
  read(subjectKey: string, read: Read, purpose: string): Promise<Record<string, unknown> | null>;
  /** Records the reads as the person's own accesses (channel `proof`), in `tx`. */
  record(
    tx: Kysely<Database>,
    access: { id: string; subjectKey: string; actor: string; items: Read[] },
    purpose: string,
  ): Promise<void>;
}

/**
 * Registry credentials (ID card, household register, driving licence, residence permit) from
 * the data hub's sources for the signed-in person; each read is an access in their log.
 */
export function createRegistryCredentials(deps: {
  repo: {
    transaction<T>(fn: (tx: Kysely<Database>) => Promise<T>): Promise<T>;
    credentialByDedupe(key: string): Promise<Parameters<CredentialsService['view']>[0] | undefined>;
  };
  ids: IdGenerator;
  credentials: Pick<CredentialsService, 'issue' | 'view'>;
  hub: RegistryReadPort;
  person(personId: string): Promise<{ id_number: string; name: string } | undefined>;
}) {
  return {
    /**
     * Adds (or returns, when added before) the registry credential `type` of the signed-in
     * person. 403 for an account without a verified person, 404 when the registry holds no
     * such record (the reads made are recorded all the same), 503 when a source is down.
     */
    async add(
      p: Principal,
      type: RegistryType,
    ): Promise<{ created: boolean; credential: CredentialView }> {
      const spec = REGISTRY_SPECS[type];
      const person = p.personId ? await deps.person(p.personId) : undefined;
      if (!person) throw CredentialsErrors.noPerson();
      const purpose = `credential:${type}`;
      const key = person.id_number;
      const dedupeKey = `registry:${p.accountId}:${type}`;
      const before = await deps.repo.credentialByDedupe(dedupeKey);
      if (before) return { created: false, credential: deps.credentials.view(before) };
      const data: Record<string, Record<string, unknown>> = {};
      const made: Read[] = [];
      let missing = false;
      try {
        for (const r of spec.reads) {
          made.push(r);
          const found = await deps.hub.read(key, r, purpose);
          if (!found) {
            missing = true;
            break;
          }
          data[`${r.source}/${r.item}`] = found;
        }
      } finally {
        // Also when a source fails or holds nothing: what was asked for was read.
        if (missing || Object.keys(data).length < made.length)
          await deps.repo.transaction((tx) =>
            deps.hub.record(
              tx,
              { id: deps.ids.id(), subjectKey: key, actor: p.accountId, items: made },
              purpose,
            ),
          );
      }
      if (missing) throw CredentialsErrors.noRecord(REGISTRY_NAMES[type]);
      const claims = Object.fromEntries(
        Object.entries(spec.claims(data, { idNumber: key, name: person.name })).filter(
          ([, v]) => v !== undefined && v !== null && v !== '',
        ),
      );
      const validUntil = spec.validUntil?.(data);
      return deps.repo.transaction(async (tx) => {
        await deps.hub.record(
          tx,
          { id: deps.ids.id(), subjectKey: key, actor: p.accountId, items: made },
          purpose,
        );
        const row = await deps.credentials.issue(tx, {
          dedupeKey,
          holderAccount: p.accountId,
          type,
          issuer: 'psb',
          source: 'registry',
          applicationId: null,
          receiptNo: null,
          claims,
          expiresAt:
            typeof validUntil === 'string'
              ? new Date(`${validUntil}T23:59:59+08:00`).toISOString()
              : null,
          subjectKey: key,
          actor: p.accountId,
          actorRole: 'self',
        });
        return { created: true, credential: deps.credentials.view(row) };
      });
    },
  };
}

/** The registry credentials. */
export type RegistryCredentials = ReturnType<typeof createRegistryCredentials>;
