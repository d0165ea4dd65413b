import type { Clock } from '../../platform/clock/index.js';
import { toRfc3339 } from '../../platform/clock/index.js';
import { NotFoundError } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { Draft, DraftInput } from '../../../shared/contracts/index.js';
import type { CaseCatalogPort } from './case-ports.js';
import { CaseErrors } from './cases.errors.js';
import type { DraftRow, DraftsRepo } from './drafts.repo.js';

const notFound = () =>
  new NotFoundError('CASE_DRAFT_NOT_FOUND', { zh: '草稿不存在', en: 'No such draft' });

function present(row: DraftRow): Draft {
  return {
    key: row.key,
    subject: { kind: row.subject_kind, code: row.subject_code },
    form: JSON.parse(row.form) as Record<string, unknown>,
    materials: JSON.parse(row.materials) as Draft['materials'],
    step: row.step,
    updatedAt: toRfc3339(new Date(row.updated_at)),
  };
}

/** Drafts of applications, saved on the server so they resume on any device; nothing is checked until submission. */
export function createDraftsService(deps: {
  repo: DraftsRepo;
  clock: Clock;
  catalog: Pick<CaseCatalogPort, 'definition'>;
}) {
  const { repo, clock } = deps;
  return {
    /** Saves (creates or replaces) a draft of the caller; throws 404 for an unknown matter or bundle. */
    async save(p: Principal, key: string, input: DraftInput): Promise<Draft> {
      if (!deps.catalog.definition(input.subject.kind, input.subject.code))
        throw CaseErrors.unknownSubject(input.subject.kind, input.subject.code);
      const row: DraftRow = {
        account_id: p.accountId,
        key,
        subject_kind: input.subject.kind,
        subject_code: input.subject.code,
        form: JSON.stringify(input.form),
        materials: JSON.stringify(input.materials),
        step: input.step,
        updated_at: clock.now().toISOString(),
      };
      await repo.upsert(row);
      return present(row);
    },
    /** One draft of the caller; throws CASE_DRAFT_NOT_FOUND. */
    async get(p: Principal, key: string): Promise<Draft> {
      const row = await repo.find(p.accountId, key);
      if (!row) throw notFound();
      return present(row);
    },
    /** The caller's drafts, newest first. */
    async list(p: Principal): Promise<Draft[]> {
      return (await repo.list(p.accountId)).map(present);
    },
    /** Deletes a draft of the caller; throws CASE_DRAFT_NOT_FOUND. */
    async remove(p: Principal, key: string): Promise<void> {
      if (!(await repo.remove(p.accountId, key))) throw notFound();
    },
  };
}

export type DraftsService = ReturnType<typeof createDraftsService>;
