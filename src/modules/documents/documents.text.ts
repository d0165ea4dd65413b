import { toRfc3339 } from '../../platform/clock/index.js';
import type { Bilingual } from '../../platform/errors/index.js';
import type { ApplicationView } from '../../../shared/contracts/index.js';

type Material = ApplicationView['materials'][number];
type NoticeReason = NonNullable<ApplicationView['notice']>['items'][number]['reason'];

const STATUS: Record<ApplicationView['status'], Bilingual> = {
  deficient: { zh: '待补齐材料', en: 'Awaiting materials' },
  accepted: { zh: '已受理', en: 'Accepted' },
  paused: { zh: '已暂停计时', en: 'Paused' },
  completed: { zh: '已办结', en: 'Completed' },
  rejected: { zh: '不予许可', en: 'Rejected' },
  refused: { zh: '不予受理', en: 'Refused at intake' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** The status of an application in words; an unknown status is shown as it is. */
export function statusLabel(status: string): Bilingual {
  return STATUS[status as ApplicationView['status']] ?? { zh: status, en: status };
}

const CHANNEL: Record<ApplicationView['channel'], Bilingual> = {
  online: { zh: '网上受理', en: 'online' },
  window: { zh: '窗口受理', en: 'at the window' },
  overseas: { zh: '海外服务点受理', en: 'at an overseas service point' },
  department: { zh: '部门间办理', en: 'inter-department' },
};

/** How the application came in, in words. */
export function channelLabel(channel: ApplicationView['channel']): Bilingual {
  return CHANNEL[channel];
}

/** How one material is (or is not) satisfied, in the words a printed document uses. */
export function materialStateLabel(m: Material): Bilingual {
  switch (m.state) {
    case 'uploaded':
      return { zh: '已提交（电子材料）', en: 'Handed in (electronic)' };
    case 'datahub':
      return { zh: '数据共享获取，免于提交', en: 'From the data hub; not needed' };
    case 'credential':
      return { zh: '调取电子证照，免于提交', en: 'From the e-credential wallet' };
    case 'committed':
      return m.fulfilledAt
        ? { zh: '容缺受理，已补交', en: 'Accepted with deficiency; handed in since' }
        : {
            zh: `容缺受理，承诺于 ${m.commitmentDue ?? '—'} 前补交`,
            en: `Accepted with deficiency; due by ${m.commitmentDue ?? '—'}`,
          };
    case 'commitment':
      return { zh: '告知承诺，以承诺书代替', en: 'Replaced by a signed commitment' };
    case 'absent':
      return { zh: '未提交（非必需）', en: 'Not given (optional)' };
    case 'missing':
      return { zh: '缺少，须补交', en: 'Missing; to be handed in' };
    case 'invalid':
      return { zh: '不符合要求，须重新提交', en: 'Not acceptable; hand in again' };
  }
}

/** Whether a material still stops the application (the ones the notice lists). */
export function isOutstanding(m: Material): boolean {
  return m.state === 'missing' || m.state === 'invalid';
}

const REASON: Record<NoticeReason, Bilingual> = {
  missing: { zh: '未提交', en: 'Missing' },
  'invalid-type': { zh: '文件类型不符', en: 'Wrong file type' },
  'too-large': { zh: '文件过大', en: 'File too large' },
  'unknown-file': { zh: '文件不存在', en: 'File not found' },
  'commitment-not-allowed': { zh: '不适用容缺承诺', en: 'Commitment not allowed' },
  'not-own-file': { zh: '非本人上传', en: 'Not your upload' },
  'datahub-unavailable': {
    zh: '数据共享未获取，须上传',
    en: 'Not available from the data hub; upload it',
  },
  'datahub-not-connected': {
    zh: '数据来源未接入，须上传或出示原件',
    en: 'Source not connected to the data hub; upload it or show the original',
  },
};

/** Why a material is on the one-time notice, in a few words. */
export function reasonLabel(reason: NoticeReason): Bilingual {
  return REASON[reason];
}

/** An instant as China time to the minute, `2026-12-01 10:00`; `—` when there is none. */
export function chinaMinute(iso: string | null): string {
  if (!iso) return '—';
  return toRfc3339(new Date(iso)).slice(0, 16).replace('T', ' ');
}

/** An instant as China time with the offset, `2026-12-01 10:00:00 +08:00` (print times). */
export function chinaSecond(at: Date): string {
  return toRfc3339(at).replace('T', ' ').replace('+08:00', ' +08:00');
}

/**
 * The link the QR code of a document carries: the public tracking page of the receipt
 * number with its key, so a phone camera opens the progress page directly (the number alone
 * shows only that the receipt exists). publicUrl's trailing slashes are dropped.
 */
export function trackingUrl(publicUrl: string, receiptNo: string, key: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/track/${encodeURIComponent(receiptNo)}?k=${encodeURIComponent(key)}`;
}

// The claims results carry most often (credential-types.yaml); others are shown by their key in words.
const CLAIMS: Record<string, Bilingual> = {
  creditCode: { zh: '统一社会信用代码', en: 'Credit code' },
  companyName: { zh: '名称', en: 'Name' },
  legalRepresentativeName: { zh: '法定代表人', en: 'Legal representative' },
  establishedOn: { zh: '成立日期', en: 'Established on' },
  accountNumber: { zh: '账号', en: 'Account number' },
  bankName: { zh: '开户银行', en: 'Bank' },
  taxpayerId: { zh: '纳税人识别号', en: 'Taxpayer id' },
  invoiceQuota: { zh: '开票额度', en: 'Invoice quota' },
  sealFilingNumber: { zh: '印章备案编号', en: 'Seal filing number' },
  sealTypes: { zh: '印章类型', en: 'Seal types' },
  permitNumber: { zh: '许可证号', en: 'Permit number' },
  licenceNumber: { zh: '许可证编号', en: 'Licence number' },
  certificateNumber: { zh: '证书编号', en: 'Certificate number' },
  proofNumber: { zh: '证明编号', en: 'Proof number' },
  recordNumber: { zh: '记录编号', en: 'Record number' },
  receiptNumber: { zh: '回执编号', en: 'Receipt number' },
  clearanceNumber: { zh: '回执编号', en: 'Clearance number' },
  approvalNumber: { zh: '批准文号', en: 'Approval number' },
  decisionNumber: { zh: '决定书编号', en: 'Decision number' },
};

/** The name of a result's claim (`creditCode` → 统一社会信用代码); unknown keys in words. */
export function claimLabel(key: string): Bilingual {
  const known = CLAIMS[key];
  if (known) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const text = words.charAt(0).toUpperCase() + words.slice(1);
  return { zh: text, en: text };
}

/**
 * The stage of each step: 1 for steps that wait for none, otherwise one more than the
 * latest step it waits for. Steps of the same stage run in parallel (并联办理).
 */
export function stagesOf(steps: { step: string; after: string[] }[]): Map<string, number> {
  const after = new Map(steps.map((s) => [s.step, s.after]));
  const stages = new Map<string, number>();
  const stageOf = (step: string, seen: Set<string>): number => {
    const known = stages.get(step);
    if (known !== undefined) return known;
    // A cycle cannot come from a valid catalog; stopping keeps a bad one from hanging a print.
    if (seen.has(step)) return 1;
    seen.add(step);
    const stage = 1 + Math.max(0, ...(after.get(step) ?? []).map((s) => stageOf(s, seen)));
    stages.set(step, stage);
    return stage;
  };
  for (const s of steps) stageOf(s.step, new Set());
  return stages;
}
