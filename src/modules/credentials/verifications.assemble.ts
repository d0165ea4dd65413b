import type { Kysely } from 'kysely';
import { verifyPresentation, type VerifyTrust } from '../../../shared/contracts/sd-jwt-verify.js';
import type { Clock } from '../../platform/clock/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Database } from '../../schema.js';
import { createIdentityRepo } from '../identity/index.js';
import type { TrustList } from './credentials.keys.js';
import type { CredentialTypeInfo } from './credentials.service.js';
import type { StatusLists } from './credentials.status-lists.js';
import { createVerificationsRepo } from './verifications.repo.js';
import { createVerificationsService } from './verifications.service.js';
import { createNodeVerifyCrypto, createStatusListSource } from './verify.node.js';

/**
 * The verifier's side of the credentials module: the shared verifier on node:crypto, trusting
 * our JWKS and reading our own status lists in process (a status change shows at once), and
 * the verifications service over its repository.
 */
export function assembleVerifier(deps: {
  db: Kysely<Database>;
  clock: Clock;
  ids: IdGenerator;
  publicUrl: string;
  trustList: Pick<TrustList, 'key'>;
  statusLists: Pick<StatusLists, 'token' | 'idOfUri' | 'copyAt'>;
  credentialType(type: string): CredentialTypeInfo | undefined;
  departmentName(code: string): string | undefined;
}) {
  const { clock, statusLists } = deps;
  const crypto = createNodeVerifyCrypto();
  const key = (kid: string) => deps.trustList.key(kid);
  const source = createStatusListSource({
    publicUrl: deps.publicUrl,
    async fetchToken(uri) {
      const id = statusLists.idOfUri(uri);
      return id ? statusLists.token(id) : null;
    },
    trust: { key },
    crypto,
    clock,
    askEachTime: true,
  });
  const trust: VerifyTrust = {
    issuer: deps.publicUrl,
    key,
    typeInfo(type) {
      const t = deps.credentialType(type);
      return t ? { name: t.name, issuer: t.issuer } : null;
    },
    departmentName: (code) => deps.departmentName(code) ?? code,
    statusList: source.statusList,
  };
  const identity = createIdentityRepo(deps.db);
  const verifications = createVerificationsService({
    repo: createVerificationsRepo(deps.db),
    clock,
    ids: deps.ids,
    publicUrl: deps.publicUrl,
    verify: (presentation, options) => verifyPresentation(presentation, trust, crypto, options),
    typeName: (type) => deps.credentialType(type)?.name ?? null,
    async copyAt(uri, idx) {
      const id = statusLists.idOfUri(uri);
      return id ? statusLists.copyAt(id, idx) : null;
    },
    async displayName(accountId) {
      return (await identity.displayNames([accountId]))[0]?.display_name;
    },
  });
  return { verifications, statusListSource: source };
}
