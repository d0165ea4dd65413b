import type { Clock } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/logging/index.js';
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
  datahub: Pick<DatahubService, 'recordSelfAccess' | 'recordAccessByRef'>;
  logger?: Pick<Logger, 'info' | 'warn'>;
}) {
  const { repo, clock, ids, signer } = deps;

  // What a proof's reads are recorded for: its template, never its code (a code is a secret
  // that opens the proof; it stays out of the ledger, the access log and the logs).
  const purposeOf = (t: Pick<ProofTemplate, 'code'>) => `proof:${t.code}`;

  /** Reads made for one request, recorded as the person's accesses even when the proof is refused. */
  type Reads = { key: string; items: ProofTemplate['items'] }[];

  async function read(
    t: ProofTemplate,
    key: string,
    reads: Reads,
  ): Promise<Record<string, Record<string, unknown>>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const i of t.items) {
      const item = findItem(i.source, i.item);
      const source = deps.sources(i.source);
      if (!item || !source) throw DatahubErrors.sourceUnavailable(i.source);
      try {
        reads.push({ key, items: [i] });
        const data = await source.fetch(key, i.fields, {
          item,
          purpose: purposeOf(t),
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
      // Every read, including those made only to check the request (a death proof's kinship),
      // is an access of the person read — recorded also when the proof is then refused.
      const reads: Reads = [];
      try {
        return await issueReading(p, t, person, input, reads);
      } catch (error) {
        if (reads.length > 0) await recordReads(p, t, reads);
        throw error;
      }
    },

    verify,
  };

  async function recordReads(p: Principal, t: ProofTemplate, reads: Reads): Promise<void> {
    await repo.transaction(async (tx) => {
      for (const r of reads)
        await deps.datahub.recordSelfAccess(
          tx,
          { id: ids.id(), subjectKey: r.key, actor: p.accountId, items: r.items },
          purposeOf(t),
        );
    });
  }

  async function issueReading(
    p: Principal,
    t: ProofTemplate,
    person: { id_number: string; name: string },
    input: { subject?: string },
    reads: Reads,
  ) {
    const code = verificationCode();
    let key = person.id_number;
    let holder = person.name;
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
        reads,
      );
      const basic = await read(
        { ...t, items: [{ source: 'psb', item: 'population-basic', fields: ['name'] }] },
        parent,
        reads,
      );
      const parents = (kinship['psb/kinship']?.parents ?? []) as unknown[];
      const found = basic['psb/population-basic']?.name;
      const name = typeof found === 'string' ? found : '';
      if (!parents.includes(name)) throw ProofErrors.notRelative();
      key = parent;
      holder = name;
    }
    const data = await read(t, key, reads);
    const why = t.refuse?.(data);
    if (why) throw ProofErrors.notEligible(why);
    const issuedAt = clock.now();
    const expiresAt = new Date(issuedAt.getTime() + t.validDays * 86_400_000);
    const statement = t.statement(data, holder);
    // The signed proof a verifier sees states only what the template discloses to one.
    const shown = t.subject === 'organization' ? holder : maskName(holder);
    const payload = {
      iss: 'onetrip',
      jti: code,
      typ: 'e-proof',
      template: t.code,
      name: t.name,
      holder: shown,
      statement: (t.verifierStatement ?? t.statement)(data, shown),
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
      for (const r of reads.splice(0))
        await deps.datahub.recordSelfAccess(
          tx,
          { id: ids.id(), subjectKey: r.key, actor: p.accountId, items: r.items },
          purposeOf(t),
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
  }

  /**
   * What a verifier sees for a verification code: the signed statement (only what the template
   * discloses to a verifier) and whether it holds. Throws 404 for an unknown code. Each check
   * is logged without the code and recorded in the access log of the person it is about.
   */
  async function verify(
    code: string,
    verifier: { accountId: string | null } = { accountId: null },
  ) {
    const row = await repo.proof(code.trim().toUpperCase());
    if (!row) {
      deps.logger?.warn({ event: 'proof.verify-unknown' }, 'e-proof verification: no such code');
      throw ProofErrors.proofNotFound();
    }
    const payload = signer.verify(row.jws);
    const expired = Date.parse(row.expires_at) <= clock.now().getTime();
    const status =
      !payload || payload.jti !== row.code
        ? ('invalid' as const)
        : expired
          ? ('expired' as const)
          : ('valid' as const);
    const t = proofTemplate(row.template);
    await repo.transaction(async (tx) => {
      await deps.datahub.recordAccessByRef(tx, {
        id: ids.id(),
        subjectRef: row.subject_ref,
        actor: verifier.accountId ?? 'anonymous',
        items: [
          {
            source: 'proofs',
            item: row.template,
            fields: ['statement'],
            name: t?.name ?? { zh: row.template, en: row.template },
          },
        ],
        purpose: purposeOf({ code: row.template }),
      });
    });
    deps.logger?.info(
      { event: 'proof.verified', template: row.template, status },
      'e-proof verified by code',
    );
    return {
      code: row.code,
      status,
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
  }
}

/** The e-proofs service. */
export type ProofsService = ReturnType<typeof createProofsService>;
