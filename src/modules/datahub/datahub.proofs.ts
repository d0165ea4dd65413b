import type { Clock } from '../../platform/clock/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import { parseIdNumber } from '../identity/index.js';
import { DatahubErrors } from './datahub.errors.js';
import { findItem } from './datahub.items.js';
import type { JwsSigner } from './datahub.jws.js';
import { PROOF_TEMPLATES, proofTemplate, type ProofTemplate } from './datahub.proof-templates.js';
import type { DatahubRepo, ProofRow } from './datahub.repo.js';
import type { DatahubService } from './datahub.service.js';
import { DataSourceUnavailable, type DataSource } from './datahub.sources.js';

// The surname stays, the rest is masked (张伟 → 张*), as the identity module masks names.
const maskName = (name: string) => [...name].map((c, i) => (i === 0 ? c : '*')).join('');

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

const ProofErrors = {
  unknownTemplate: (code: string) =>
    new ValidationError(
      'DATAHUB_PROOF_TEMPLATE_UNKNOWN',
      { zh: `没有电子证明模板 ${code}`, en: `No e-proof template ${code}` },
      [
        {
          path: 'template',
          code: 'unknown',
          message: PROOF_TEMPLATES.map((t) => t.code).join(', '),
        },
      ],
    ),
  noRecord: () =>
    new NotFoundError('DATAHUB_NO_RECORD', {
      zh: '数据源中没有可用于出具该证明的记录',
      en: 'The sources hold no record this proof could be made from',
    }),
  notEligible: (why: { zh: string; en: string }) =>
    new ConflictError('DATAHUB_PROOF_NOT_ELIGIBLE', why),
  notRelative: () =>
    new ValidationError(
      'DATAHUB_PROOF_NOT_RELATIVE',
      {
        zh: '只能为本人的父母出具死亡证明',
        en: "A death proof is issued only for the applicant's own parent",
      },
      [
        {
          path: 'subject',
          code: 'not_relative',
          message: 'not a parent of yours on the household register',
        },
      ],
    ),
  proofNotFound: () =>
    new NotFoundError('DATAHUB_PROOF_NOT_FOUND', {
      zh: '验证码无效，未找到该电子证明',
      en: 'No e-proof has this verification code',
    }),
};

/**
 * E-proofs (电子证明) made from the sources: the data read is recorded as the person's own
 * access, the proof is signed as a compact JWS (EdDSA) and carries a verification code.
 */
export function createProofsService(deps: {
  repo: DatahubRepo;
  clock: Clock;
  ids: IdGenerator;
  signer: JwsSigner;
  sources(source: string): DataSource | undefined;
  subjectRef(key: string): string;
  registry: {
    personById(id: string): Promise<{ id_number: string; name: string } | undefined>;
    organizationById(id: string): Promise<{ credit_code: string; name: string } | undefined>;
  };
  datahub: Pick<DatahubService, 'recordSelfAccess'>;
}) {
  const { repo, clock, ids, signer } = deps;

  async function read(
    t: ProofTemplate,
    key: string,
    code: string,
  ): Promise<Record<string, Record<string, unknown>>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const i of t.items) {
      const item = findItem(i.source, i.item);
      const source = deps.sources(i.source);
      if (!item || !source) throw DatahubErrors.sourceUnavailable(i.source);
      try {
        const data = await source.fetch(key, i.fields, {
          item,
          purpose: `proof:${code}`,
          department: null,
        });
        if (!data) throw ProofErrors.noRecord();
        out[`${i.source}/${i.item}`] = data;
      } catch (error) {
        if (error instanceof DataSourceUnavailable) throw DatahubErrors.sourceUnavailable(i.source);
        throw error;
      }
    }
    return out;
  }

  function verificationCode(): string {
    const bytes = Buffer.from(ids.token(12), 'base64url');
    const chars = [...bytes]
      .slice(0, 12)
      .map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length])
      .join('');
    return `EP${chars}`;
  }

  return {
    /** The templates a person can ask for. */
    templates: () =>
      PROOF_TEMPLATES.map((t) => ({
        code: t.code,
        name: t.name,
        subject: t.subject,
        validDays: t.validDays,
      })),

    /** The public key that verifies every e-proof (JWK). */
    publicKey: () => signer.publicJwk,

    /**
     * Issues an e-proof of `template` for the signed-in person (or their company, or for
     * `death` their parent named by `subject`). Throws 422 for an unknown template, 404 when
     * the sources hold no record, 409 when the person is not eligible, 503 when a source is down.
     */
    async issue(p: Principal, input: { template: string; subject?: string }) {
      const t = proofTemplate(input.template);
      if (!t) throw ProofErrors.unknownTemplate(input.template);
      const person = p.personId ? await deps.registry.personById(p.personId) : undefined;
      if (!person) throw DatahubErrors.noPerson();
      const code = verificationCode();
      let key = person.id_number;
      let holder = person.name;
      // Reads made only to check the request (a death proof's kinship) are accesses too.
      const checks: { key: string; items: ProofTemplate['items'] }[] = [];
      if (t.subject === 'organization') {
        const org = p.organizationId
          ? await deps.registry.organizationById(p.organizationId)
          : undefined;
        if (!org) throw DatahubErrors.noPerson();
        key = org.credit_code;
        holder = org.name;
      } else if (t.subject === 'parent') {
        if (!input.subject) throw ProofErrors.notRelative();
        const parent = parseIdNumber(input.subject, clock.now(), 'subject').value;
        const kinship = await read(
          { ...t, items: [{ source: 'psb', item: 'kinship', fields: ['parents'] }] },
          person.id_number,
          code,
        );
        const basic = await read(
          { ...t, items: [{ source: 'psb', item: 'population-basic', fields: ['name'] }] },
          parent,
          code,
        );
        const parents = (kinship['psb/kinship']?.parents ?? []) as unknown[];
        const found = basic['psb/population-basic']?.name;
        const name = typeof found === 'string' ? found : '';
        if (!parents.includes(name)) throw ProofErrors.notRelative();
        checks.push(
          {
            key: person.id_number,
            items: [{ source: 'psb', item: 'kinship', fields: ['parents'] }],
          },
          { key: parent, items: [{ source: 'psb', item: 'population-basic', fields: ['name'] }] },
        );
        key = parent;
        holder = name;
      }
      const data = await read(t, key, code);
      const why = t.refuse?.(data);
      if (why) throw ProofErrors.notEligible(why);
      const issuedAt = clock.now();
      const expiresAt = new Date(issuedAt.getTime() + t.validDays * 86_400_000);
      const statement = t.statement(data, holder);
      const payload = {
        iss: 'onetrip',
        jti: code,
        typ: 'e-proof',
        template: t.code,
        name: t.name,
        holder: t.subject === 'organization' ? holder : maskName(holder),
        statement,
        iat: Math.floor(issuedAt.getTime() / 1000),
        exp: Math.floor(expiresAt.getTime() / 1000),
      };
      const jws = signer.sign(payload);
      const row: ProofRow = {
        code,
        template: t.code,
        subject_ref: deps.subjectRef(key),
        account_id: p.accountId,
        jws,
        issued_at: issuedAt.toISOString(),
        expires_at: expiresAt.toISOString(),
      };
      await repo.transaction(async (tx) => {
        await repo.insertProof(tx, row);
        await deps.datahub.recordSelfAccess(
          tx,
          { id: ids.id(), subjectKey: key, actor: p.accountId, items: t.items },
          `proof:${code}`,
        );
        for (const c of checks)
          await deps.datahub.recordSelfAccess(
            tx,
            { id: ids.id(), subjectKey: c.key, actor: p.accountId, items: c.items },
            `proof:${code}`,
          );
      });
      return {
        code,
        template: t.code,
        name: t.name,
        statement,
        issuedAt: row.issued_at,
        expiresAt: row.expires_at,
        jws,
      };
    },

    /** What a verifier sees for a verification code: the signed statement and whether it holds. Throws 404 for an unknown code. */
    async verify(code: string) {
      const row = await repo.proof(code.trim().toUpperCase());
      if (!row) throw ProofErrors.proofNotFound();
      const payload = signer.verify(row.jws);
      const expired = Date.parse(row.expires_at) <= clock.now().getTime();
      return {
        code: row.code,
        status:
          !payload || payload.jti !== row.code
            ? ('invalid' as const)
            : expired
              ? ('expired' as const)
              : ('valid' as const),
        template: row.template,
        name: (payload?.name as { zh: string; en: string } | undefined) ?? { zh: '', en: '' },
        holder: typeof payload?.holder === 'string' ? payload.holder : '',
        statement: (payload?.statement as { zh: string; en: string } | undefined) ?? {
          zh: '',
          en: '',
        },
        issuedAt: row.issued_at,
        expiresAt: row.expires_at,
        jws: row.jws,
      };
    },
  };
}

/** The e-proofs service. */
export type ProofsService = ReturnType<typeof createProofsService>;
