import { toRfc3339 } from '../../platform/clock/index.js';
import type { Principal } from '../../platform/http/index.js';
import type {
  ApplicationView,
  HandOverMatch,
  HandOverResult,
  HandOverSearch,
  HandOverSearchQuery,
} from '../../../shared/contracts/index.js';
import type { CaseStaffPort } from './case-ports.js';
import type { CaseWriter } from './case-writer.js';
import { CaseErrors } from './cases.errors.js';
import { definitionOf } from './case-flow.js';
import { canHandOver } from './cases.policy.js';
import type { ActionRow, ApplicationRow, CasesRepo } from './cases.repo.js';
import type { CasesService } from './cases.service.js';
import type { HandOverFilter, HandOverRepo } from './hand-over.repo.js';

/** Persons and organisations as the hand-over search uses them. */
export interface HandOverRegistryPort {
  /** What an 18-character number is (identity number or credit code, normalised), or null. */
  identify(number: string): { kind: 'id-number' | 'credit-code'; value: string } | null;
  findPerson(idNumber: string): Promise<{ id: string } | undefined>;
  findOrganization(creditCode: string): Promise<{ id: string } | undefined>;
  personsNamed(prefix: string, limit: number): Promise<{ id: string }[]>;
  organizationsNamed(text: string, limit: number): Promise<{ id: string }[]>;
  personById(id: string): Promise<{ id: string; id_number: string; name: string } | undefined>;
  organizationById(
    id: string,
  ): Promise<{ id: string; credit_code: string; name: string } | undefined>;
  /** Records that `actor` was shown these persons' data (as the applicant look-up does). */
  recordLookups(actor: Principal, personIds: string[], purpose: string): Promise<void>;
}

// A name search looks at this many persons and organisations at most (a page of results).
const NAMED_LIMIT = 50;
const RECEIPT = /^YCB\d{16}$/;

type Parsed =
  | { match: 'receipt'; receiptNo: string }
  | { match: 'number'; value: string }
  | { match: 'name'; name: string };

/**
 * How the one search box is read: a receipt number, a whole identity number or credit code
 * (exact: a number from the ID-card scan matches only itself), or a name of at least two
 * characters. Anything shorter or a partial number throws 400, so no query lists the county.
 */
function parseQuery(q: string): Parsed {
  const text = q.trim().replace(/\s+/g, ' ');
  const compact = text.replace(/\s/g, '').toUpperCase();
  if (RECEIPT.test(compact)) return { match: 'receipt', receiptNo: compact };
  if (/^[0-9A-Z*]+$/.test(compact) && /\d/.test(compact)) {
    if (compact.length !== 15 && compact.length !== 18) throw CaseErrors.handOverNumberInvalid();
    return { match: 'number', value: compact };
  }
  if ([...text].length < 2) throw CaseErrors.handOverQueryRequired();
  return { match: 'name', name: text };
}

/**
 * 统一出件: one window for every result. Clerks find any completed application of the service
 * centre — online, window, overseas or department, whoever submitted it — by receipt number or
 * applicant, and record its hand-over. Throws CASE_FORBIDDEN (403) for anyone but a clerk.
 */
export function createHandOverService(deps: {
  repo: Pick<CasesRepo, 'transaction'>;
  search: Pick<HandOverRepo, 'searchCompleted' | 'handOversOf'>;
  writer: Pick<CaseWriter, 'act'>;
  cases: Pick<CasesService, 'get'>;
  registry: HandOverRegistryPort;
  staff: Pick<CaseStaffPort, 'displayNames'>;
  /** Masks an identity number (330681********1234). */
  mask: (idNumber: string) => string;
}) {
  const { repo, search, writer, cases, registry, staff } = deps;

  /** The filter a parsed query asks for (no subjects found: nothing to search). */
  async function filterOf(
    parsed: Parsed,
  ): Promise<{ match: HandOverMatch } & Partial<HandOverFilter>> {
    if (parsed.match === 'receipt') return { match: 'receipt', receiptNo: parsed.receiptNo };
    if (parsed.match === 'name') {
      const persons = await registry.personsNamed(parsed.name, NAMED_LIMIT);
      const orgs = await registry.organizationsNamed(parsed.name, NAMED_LIMIT);
      return { match: 'name', personIds: persons.map((x) => x.id), orgIds: orgs.map((x) => x.id) };
    }
    const known = registry.identify(parsed.value);
    if (!known) throw CaseErrors.handOverNumberInvalid();
    if (known.kind === 'id-number') {
      const person = await registry.findPerson(known.value);
      return { match: 'id-number', personIds: person ? [person.id] : [] };
    }
    const org = await registry.findOrganization(known.value);
    return { match: 'credit-code', orgIds: org ? [org.id] : [] };
  }

  async function present(rows: ApplicationRow[]): Promise<HandOverResult[]> {
    const handOvers = await search.handOversOf(rows.map((r) => r.id));
    const names = await staff.displayNames(handOvers.map((a) => a.actor));
    const handOverOf = new Map<string, ActionRow>(handOvers.map((a) => [a.application_id, a]));
    return Promise.all(
      rows.map(async (app) => {
        const person = app.applicant_person_id
          ? await registry.personById(app.applicant_person_id)
          : undefined;
        const org = app.applicant_org_id
          ? await registry.organizationById(app.applicant_org_id)
          : undefined;
        const handed = handOverOf.get(app.id);
        const note = handed ? (JSON.parse(handed.data) as { note?: string | null }).note : null;
        return {
          id: app.id,
          receiptNo: app.receipt_no,
          subject: { kind: app.subject_kind, code: app.subject_code, name: definitionOf(app).name },
          channel: app.channel,
          applicant: {
            kind: app.applicant_kind,
            name: org?.name ?? person?.name ?? null,
            maskedIdNumber: person ? deps.mask(person.id_number) : null,
            creditCode: org?.credit_code ?? null,
            department: app.applicant_department,
          },
          submittedAt: toRfc3339(new Date(app.created_at)),
          completedAt: app.completed_at ? toRfc3339(new Date(app.completed_at)) : null,
          handedOver: handed
            ? {
                at: toRfc3339(new Date(handed.at)),
                by: handed.actor,
                byName: names.get(handed.actor) ?? null,
                note: note ?? null,
              }
            : null,
        };
      }),
    );
  }

  return {
    /**
     * Completed applications for hand-over, newest completed first, one page at a time; the
     * persons shown, and the person searched by identity number, are recorded as looked up
     * (purpose `hand-over`, in their access log). Throws CASE_FORBIDDEN
     * (403) for non-clerks, CASE_HAND_OVER_QUERY_REQUIRED / CASE_HAND_OVER_NUMBER_INVALID (400).
     */
    async search(p: Principal, query: HandOverSearchQuery): Promise<HandOverSearch> {
      if (!p.roles.includes('clerk')) throw CaseErrors.forbidden();
      const { match, ...subjects } = await filterOf(parseQuery(query.q));
      const offset = (query.page - 1) * query.pageSize;
      const { rows, total } = await search.searchCompleted({
        ...subjects,
        state: query.state,
        offset,
        limit: query.pageSize,
      });
      const items = await present(rows);
      // A search by identity number looks that person up, whether or not anything is found.
      await registry.recordLookups(
        p,
        [
          ...(match === 'id-number' ? (subjects.personIds ?? []) : []),
          ...rows.flatMap((r) => (r.applicant_person_id ? [r.applicant_person_id] : [])),
        ],
        'hand-over',
      );
      return {
        match,
        items,
        total,
        page: query.page,
        pageSize: query.pageSize,
        hasMore: offset + items.length < total,
      };
    },

    /**
     * 统一出件: a clerk hands the results of a completed application to the applicant, whoever
     * took it in. Throws CASE_FORBIDDEN (403), CASE_NOT_FOUND (404), CASE_ILLEGAL_TRANSITION
     * (409) before completion or a second time.
     */
    async handOver(p: Principal, id: string, note?: string): Promise<ApplicationView> {
      if (!p.roles.includes('clerk')) throw CaseErrors.forbidden();
      await repo.transaction(async (tx) => {
        await tx.lockApplication(id);
        const app = await tx.findApplication(id);
        if (!app) throw CaseErrors.notFound();
        // Another clerk's running application stays unseen; the own one is not ready yet.
        if (!canHandOver(p, app) && app.submitted_by !== p.accountId) throw CaseErrors.notFound();
        if (!canHandOver(p, app))
          throw CaseErrors.illegalTransition({
            zh: '出件（办件尚未办结）',
            en: 'hand over results before completion',
          });
        const actions = await tx.actionsOf(id);
        if (actions.some((a) => a.type === 'handed-over'))
          throw CaseErrors.illegalTransition({ zh: '重复出件', en: 'hand over twice' });
        await writer.act(tx, app, {
          type: 'handed-over',
          actor: p,
          channel: 'window',
          data: { note: note ?? null },
        });
      });
      return cases.get(p, id);
    },
  };
}

export type HandOverService = ReturnType<typeof createHandOverService>;
