import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.js';
import { createSecretBox } from '../../platform/crypto/index.js';
import type { Dialect } from '../../platform/db/index.js';
import type { HttpServer } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Logger } from '../../platform/logging/index.js';
import type { Database } from '../../schema.js';
import { createCasesRepo } from '../cases/index.js';
import {
  builtinSource,
  DatahubErrors,
  DataSourceUnavailable,
  findItem,
  type Datahub,
  type DataSource,
} from '../datahub/index.js';
import { createIdentityRepo } from '../identity/index.js';
import type { LedgerService } from '../ledger/index.js';
import { createApplicationIssuance, type CompletedApplication } from './credentials.issuance.js';
import { createIssuerKeys, type ExternalCredentialSigner } from './credentials.keys.js';
import { createRegistryCredentials, type RegistryReadPort } from './credentials.registry.js';
import { createCredentialsRepo } from './credentials.repo.js';
import { registerCredentialsRoutes } from './credentials.routes.js';
import { createCredentialsService, type CredentialTypeInfo } from './credentials.service.js';
import { createStatusLists } from './credentials.status-lists.js';
import { assembleVerifier } from './verifications.assemble.js';
import { registerVerificationRoutes } from './verifications.routes.js';

/** The frozen definition's steps as issuance reads them. */
interface FrozenDefinition {
  steps?: { id: string; department: string; outputs?: { type: string }[] }[];
}

/**
 * Builds the credentials module for the composition root (docs/credentials.md): issuer keys,
 * status lists, issuance from completed applications and from the registry, the holder's
 * copies, status changes, and `register(server)` for the routes.
 */
export function assembleCredentials(deps: {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  ids: IdGenerator;
  config: { publicUrl: string; secrets: { session: string } };
  ledger: LedgerService;
  catalog: {
    credentialType(type: string): CredentialTypeInfo | undefined;
    department(code: string): { name: { zh: string } } | undefined;
  };
  datahub: Pick<Datahub, 'repo' | 'service'>;
  /** Source adapters replacing the built-in one (as the data hub was given them). */
  datahubSources?: Record<string, DataSource>;
  /** Signers kept outside the platform (an HSM), by department; stored keys sign otherwise. */
  externalSigners?: Record<string, ExternalCredentialSigner>;
  logger?: Pick<Logger, 'info' | 'error'>;
}) {
  const { clock, ids } = deps;
  const publicUrl = deps.config.publicUrl.replace(/\/$/, '');
  const repo = createCredentialsRepo(deps.db);
  const keys = createIssuerKeys({
    repo,
    clock,
    ids,
    secretBox: createSecretBox(deps.config.secrets.session, 'credential-key'),
    logger: deps.logger,
    externalSigners: deps.externalSigners,
  });
  const statusLists = createStatusLists({
    repo,
    clock,
    publicUrl,
    signer: (department) => keys.signer(department),
  });
  const catalog = {
    credentialType: (type: string) => deps.catalog.credentialType(type),
    departmentName: (code: string) => deps.catalog.department(code)?.name.zh,
  };
  const credentials = createCredentialsService({
    repo,
    clock,
    ids,
    ledger: deps.ledger,
    keys,
    statusLists,
    catalog,
    publicUrl,
  });
  const issuance = createApplicationIssuance({
    credentials,
    catalog,
    async application(tx, id): Promise<CompletedApplication | undefined> {
      const row = await createCasesRepo(tx, deps.dialect).findApplication(id);
      if (!row) return undefined;
      const identity = createIdentityRepo(tx);
      const person = row.applicant_person_id
        ? await identity.findPersonById(row.applicant_person_id)
        : undefined;
      const org = row.applicant_org_id
        ? await identity.findOrganizationById(row.applicant_org_id)
        : undefined;
      const submitter = await identity.findAccountById(row.submitted_by);
      const def = JSON.parse(row.definition) as FrozenDefinition;
      return {
        id: row.id,
        receiptNo: row.receipt_no,
        steps: (def.steps ?? []).map((s) => ({
          id: s.id,
          department: s.department,
          outputs: s.outputs ?? [],
        })),
        form: JSON.parse(row.form) as Record<string, unknown>,
        applicant: person ? { idNumber: person.id_number, name: person.name } : null,
        organization: org ? { creditCode: org.credit_code, name: org.name } : null,
        completedAt: row.completed_at ? new Date(row.completed_at) : clock.now(),
        holderAccount:
          submitter?.kind === 'person' || submitter?.kind === 'company'
            ? submitter.id
            : ((await identity.ownAccountOf({
                personId: row.applicant_person_id ?? undefined,
                organizationId: row.applicant_org_id ?? undefined,
              })) ?? null),
      };
    },
  });
  // A person's own read, through the data hub's adapters, recorded as the e-proofs' are.
  const builtin = builtinSource(deps.datahub.repo);
  const hub: RegistryReadPort = {
    async read(subjectKey, r, purpose) {
      const item = findItem(r.source, r.item);
      if (!item) return null;
      const source = deps.datahubSources?.[r.source] ?? builtin;
      try {
        return await source.fetch(subjectKey, r.fields, { item, purpose, department: null });
      } catch (error) {
        if (error instanceof DataSourceUnavailable) throw DatahubErrors.sourceUnavailable(r.source);
        throw error;
      }
    },
    record: (tx, access, purpose) =>
      deps.datahub.service.recordSelfAccess(
        tx,
        { ...access, items: access.items.filter((i) => findItem(i.source, i.item)) },
        purpose,
      ),
  };
  const registry = createRegistryCredentials({
    repo,
    ids,
    credentials,
    hub,
    person: (id) => createIdentityRepo(deps.db).findPersonById(id),
  });

  // ── The verifier's side (verifications.service.ts, verifications.routes.ts, verify.node.ts)
  // is assembled here by the verifier helper: it gets `keys.trustList` and `statusLists`
  // (`token`, `uriOf`, `idOfUri`, `copyAt`). ──
  const verifier = assembleVerifier({
    db: deps.db,
    clock,
    ids,
    publicUrl,
    trustList: keys.trustList,
    statusLists,
    credentialType: (type) => deps.catalog.credentialType(type),
    departmentName: (code) => deps.catalog.department(code)?.name.zh,
  });

  return {
    repo,
    keys,
    /** The keys a verifier trusts (JWKS): every issuer key, active and retired. */
    trustList: keys.trustList,
    statusLists,
    credentials,
    registry,
    /** The verifier: requests, verifications, the holder's history (verifications.service.ts). */
    verifications: verifier.verifications,
    /** The case events port's listener (issues on `application.completed`, same transaction). */
    onCaseEvent: (tx: Kysely<Database>, event: Parameters<typeof issuance.onCaseEvent>[1]) =>
      issuance.onCaseEvent(tx, event),
    /** `paperCopy(credentialId, account)`: the paper form's copy (see the service). */
    paperCopy: (credentialId: string, account: string) =>
      credentials.paperCopy(credentialId, account),
    /** Registers the routes. */
    register(server: HttpServer): void {
      registerCredentialsRoutes(server, {
        credentials,
        registry,
        statusLists,
        trustList: keys.trustList,
        publicUrl,
      });
      // ── Verifier helper: registerVerificationRoutes(server, …) goes here. ──
      registerVerificationRoutes(server, { verifications: verifier.verifications });
    },
  };
}

/** The assembled credentials module. */
export type Credentials = ReturnType<typeof assembleCredentials>;
