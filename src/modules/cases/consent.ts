import { toRfc3339 } from '../../platform/clock/index.js';
import type { FieldIssue } from '../../platform/errors/index.js';
import type { ConsentView, DataConsent } from '../../../shared/contracts/index.js';
import type { CaseDatahubRequest } from './case-ports.js';
import { CaseErrors } from './cases.errors.js';
import type { ActionRow } from './cases.repo.js';
import type { ApplicationsTable } from './cases.tables.js';

/** One data item agreed to (stored in `application_consents.items` and the history action). */
export interface ConsentedItem {
  material: string;
  source: string;
  item: string;
  /** The fields the preview showed, when the client said so. */
  fields: string[] | null;
}

/** A consent to record with the application (授权调取). */
export interface ConsentRecord {
  by: 'applicant' | 'clerk';
  previewedAt: string | null;
  items: ConsentedItem[];
}

/**
 * The consent an application needs before the data hub is asked for anything: an online
 * submission (a person or company account) that fetches data must carry `consent.fetch`, and
 * when it names the items it agreed to, every fetched material must be among them. At the
 * window or an overseas point the applicant signs the paper form, so consent is not required;
 * when the clerk sends it, it is recorded as the clerk's statement. A department applying
 * for itself gives none. Returns null when nothing is to be recorded.
 * Throws CASE_CONSENT_REQUIRED (422).
 */
export function checkConsent(
  channel: ApplicationsTable['channel'],
  consent: DataConsent | undefined,
  requests: CaseDatahubRequest[],
): ConsentRecord | null {
  if (requests.length === 0 || channel === 'department') return null;
  if (!consent) {
    if (channel !== 'online') return null;
    throw CaseErrors.consentRequired([
      {
        path: 'consent',
        code: 'required',
        message: `consent.fetch is required: the data hub fetches ${requests
          .map((r) => r.material)
          .join(', ')}`,
      },
    ]);
  }
  const named = consent.items;
  const agreed = (r: CaseDatahubRequest) =>
    named?.find(
      (i) =>
        i.material === r.material && i.source === r.datahub.source && i.item === r.datahub.item,
    );
  if (named) {
    const issues: FieldIssue[] = requests
      .filter((r) => !agreed(r))
      .map((r) => ({
        path: 'consent.items',
        code: 'not_consented',
        message: `${r.material} (${r.datahub.source}/${r.datahub.item}) is fetched but was not agreed to`,
      }));
    if (issues.length > 0) throw CaseErrors.consentRequired(issues);
  }
  return {
    by: channel === 'online' ? 'applicant' : 'clerk',
    previewedAt: consent.previewedAt ? toRfc3339(new Date(consent.previewedAt)) : null,
    items: requests.map((r) => ({
      material: r.material,
      source: r.datahub.source,
      item: r.datahub.item,
      fields: agreed(r)?.fields ?? null,
    })),
  };
}

/** The consent as the history's `consented` action records it (null: none was given). */
export function presentConsent(
  actions: ActionRow[],
  materials: { id: string; name: { zh: string; en: string } }[],
): ConsentView | null {
  const action = actions.find((a) => a.type === 'consented');
  if (!action) return null;
  const data = JSON.parse(action.data) as Partial<ConsentRecord>;
  return {
    by: data.by ?? 'applicant',
    account: action.actor,
    givenAt: toRfc3339(new Date(action.at)),
    previewedAt: data.previewedAt ?? null,
    items: (data.items ?? []).map((i) => ({
      ...i,
      name: materials.find((m) => m.id === i.material)?.name ?? { zh: i.material, en: i.material },
    })),
  };
}
