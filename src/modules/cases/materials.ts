import type { FieldIssue } from '../../platform/errors/index.js';
import type { MaterialEntry } from '../../../shared/contracts/index.js';
import type { CaseDefinition, DefinitionMaterial } from './case-definition.js';
import type {
  CaseDatahubFetched,
  CaseDatahubOutcome,
  CaseDatahubRequest,
  CaseFilesPort,
} from './case-ports.js';

/** The state of one material of an application (stored as JSON in the application). */
export interface MaterialState {
  material: string;
  name: { zh: string; en: string };
  essential: boolean;
  state:
    | 'uploaded'
    | 'datahub'
    | 'credential'
    | 'committed'
    | 'commitment'
    | 'absent'
    | 'missing'
    | 'invalid';
  fileId: string | null;
  commitmentDue: string | null;
  fulfilledAt: string | null;
  /** What the data hub fetched for it (a reference); null when its source checks it itself. */
  datahub?: CaseDatahubFetched | null;
}

/** One item of the one-time notice (一次性告知). */
export interface NoticeItem {
  material: string;
  name: { zh: string; en: string };
  reason:
    | 'missing'
    | 'invalid-type'
    | 'too-large'
    | 'unknown-file'
    | 'commitment-not-allowed'
    | 'not-own-file'
    | 'datahub-unavailable'
    | 'datahub-not-connected';
  message: { zh: string; en: string };
}

const MESSAGES: Record<
  NoticeItem['reason'],
  (m: DefinitionMaterial) => { zh: string; en: string }
> = {
  missing: (m) => ({
    zh: m.allowMissing
      ? `请提交“${m.name.zh}”，或签署容缺承诺并注明补交日期`
      : `请提交“${m.name.zh}”`,
    en: m.allowMissing
      ? `Hand in "${m.name.en}", or sign a commitment with the date you will hand it in`
      : `Hand in "${m.name.en}"`,
  }),
  'invalid-type': (m) => ({
    zh: `“${m.name.zh}”的文件类型不符合要求（可接受：${m.mediaTypes.join('、') || 'PDF/图片'}）`,
    en: `"${m.name.en}" has a file type that is not accepted (accepted: ${m.mediaTypes.join(', ') || 'PDF/images'})`,
  }),
  'too-large': (m) => ({
    zh: `“${m.name.zh}”的文件过大`,
    en: `The file for "${m.name.en}" is too large`,
  }),
  'unknown-file': (m) => ({
    zh: `“${m.name.zh}”引用的文件不存在，请重新上传`,
    en: `The file given for "${m.name.en}" does not exist; upload it again`,
  }),
  'not-own-file': (m) => ({
    zh: `“${m.name.zh}”引用的文件不是本人上传的`,
    en: `The file given for "${m.name.en}" was not uploaded by you`,
  }),
  'commitment-not-allowed': (m) => ({
    zh: `“${m.name.zh}”是必须提交的材料，不适用容缺承诺`,
    en: `"${m.name.en}" must be handed in; a commitment cannot replace it`,
  }),
  'datahub-not-connected': (m) => ({
    zh: `“${m.name.zh}”的数据来源尚未接入公共数据平台，请上传该材料或到窗口出示原件；申请已保存`,
    en: `The source of "${m.name.en}" is not connected to the data hub; please upload it or show the original at a window - your application is kept`,
  }),
  'datahub-unavailable': (m) => ({
    zh: `未能从公共数据平台获取“${m.name.zh}”（暂无记录或数据源暂时无法访问），请上传该材料；申请已保存`,
    en: `"${m.name.en}" could not be fetched from the data hub (no record, or the source is not answering); please upload it - your application is kept`,
  }),
};

/**
 * The materials to ask the data hub for: those it can satisfy that the applicant did not give
 * and that are not satisfied already (a supplement retries the hub for what it missed).
 */
export function datahubRequests(
  def: CaseDefinition,
  entries: MaterialEntry[],
  previous?: MaterialState[],
): CaseDatahubRequest[] {
  const given = new Set(entries.map((e) => e.material));
  return def.materials.flatMap((m) => {
    if (!m.satisfiedBy.includes('datahub') || !m.datahub || given.has(m.id)) return [];
    const prior = previous?.find((p) => p.material === m.id);
    if (prior && !['missing', 'invalid', 'absent'].includes(prior.state)) return [];
    const departments = [
      ...new Set(
        def.steps
          .filter((s) => m.steps.length === 0 || m.steps.includes(s.id))
          .map((s) => s.department),
      ),
    ];
    return [
      {
        material: m.id,
        datahub: { source: m.datahub.source, item: m.datahub.item, fields: m.datahub.fields },
        departments,
      },
    ];
  });
}

/**
 * Checks the materials of a submission against the definition. Structural mistakes (an
 * unknown material id, the same material twice) are 422 issues; a missing or invalid
 * material becomes an item of the one-time notice, all of them at once, with the reason.
 * `previous` carries states already accepted, so a supplement only needs the new items.
 */
export async function assessMaterials(
  def: CaseDefinition,
  entries: MaterialEntry[],
  ctx: {
    files: CaseFilesPort;
    submitter: string;
    today: string;
    previous?: MaterialState[];
    /** What the data hub answered, by material (a material it did not answer is asked). */
    datahub?: Map<string, CaseDatahubOutcome>;
  },
): Promise<{ issues: FieldIssue[]; states: MaterialState[]; notice: NoticeItem[] }> {
  const issues: FieldIssue[] = [];
  const byId = new Map(def.materials.map((m) => [m.id, m]));
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (!byId.has(e.material))
      issues.push({
        path: `materials.${i}.material`,
        code: 'unknown_material',
        message: `no material ${e.material} in this guide`,
      });
    else if (seen.has(e.material))
      issues.push({
        path: `materials.${i}.material`,
        code: 'duplicate',
        message: `${e.material} is given twice`,
      });
    seen.add(e.material);
    if (!e.fileId && !e.commitment)
      issues.push({
        path: `materials.${i}`,
        code: 'empty',
        message: 'give a fileId or a commitment',
      });
    if (e.commitment?.dueDate && e.commitment.dueDate < ctx.today) {
      issues.push({
        path: `materials.${i}.commitment.dueDate`,
        code: 'in_past',
        message: 'the due date must not be in the past',
      });
    }
  });
  if (issues.length > 0) return { issues, states: [], notice: [] };

  const files = await ctx.files.describe(entries.flatMap((e) => (e.fileId ? [e.fileId] : [])));
  const given = new Map(entries.map((e) => [e.material, e]));
  const states: MaterialState[] = [];
  const notice: NoticeItem[] = [];
  for (const m of def.materials) {
    const base = {
      material: m.id,
      name: m.name,
      essential: m.essential,
      fileId: null,
      commitmentDue: null,
      fulfilledAt: null,
    };
    const entry = given.get(m.id);
    const prior = ctx.previous?.find((p) => p.material === m.id);
    const flag = (reason: NoticeItem['reason']) => {
      notice.push({ material: m.id, name: m.name, reason, message: MESSAGES[reason](m) });
      states.push({
        ...base,
        state:
          reason === 'missing' ||
          reason === 'datahub-unavailable' ||
          reason === 'datahub-not-connected'
            ? 'missing'
            : 'invalid',
      });
    };
    if (!entry && prior && !['missing', 'invalid', 'absent'].includes(prior.state)) {
      states.push(prior);
      continue;
    }
    if (entry?.fileId) {
      const file = files.get(entry.fileId);
      if (!file) flag('unknown-file');
      else if (file.ownerAccountId !== ctx.submitter) flag('not-own-file');
      else if (m.mediaTypes.length > 0 && !m.mediaTypes.includes(file.mediaType))
        flag('invalid-type');
      else if (m.maxBytes !== null && file.size > m.maxBytes) flag('too-large');
      else
        states.push({
          ...base,
          state: 'uploaded',
          fileId: file.fileId,
          fulfilledAt: prior?.state === 'committed' ? ctx.today : null,
        });
      continue;
    }
    if (entry?.commitment) {
      if (m.satisfiedBy.includes('commitment')) states.push({ ...base, state: 'commitment' });
      else if (m.allowMissing && !m.essential) {
        states.push({
          ...base,
          state: 'committed',
          commitmentDue: entry.commitment.dueDate ?? ctx.today,
        });
      } else flag('commitment-not-allowed');
      continue;
    }
    // Once-only: what the data hub holds is fetched, never asked for. Nothing counts as
    // fetched that was not: a material the hub did not answer, or whose source it does not
    // connect, falls back to an upload and the notice says so (the application is kept).
    if (m.satisfiedBy.includes('datahub')) {
      const outcome = ctx.datahub?.get(m.id);
      if (outcome?.ok) states.push({ ...base, state: 'datahub', datahub: outcome.fetched });
      else if (!m.essential && !m.allowMissing) states.push({ ...base, state: 'absent' });
      else if (!outcome || outcome.reason === 'not-connected') flag('datahub-not-connected');
      else flag('datahub-unavailable');
      continue;
    }
    if (m.essential || m.allowMissing) flag('missing');
    else states.push({ ...base, state: 'absent' });
  }
  return { issues, states, notice };
}
