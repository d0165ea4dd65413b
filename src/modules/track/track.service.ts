import type { ApplicationView, TrackProgress, TrackView } from '../../../shared/contracts/index.js';
import { isTrackKey, trackKey } from './track.key.js';

type Bilingual = { zh: string; en: string };

const STEP: Record<
  ApplicationView['tasks'][number]['status'],
  TrackProgress['steps'][number]['status']
> = {
  pending: 'waiting',
  open: 'in-progress',
  claimed: 'in-progress',
  supplement: 'supplement',
  paused: 'paused',
  approved: 'approved',
  rejected: 'rejected',
  cancelled: 'waiting',
};

/** Where an application is, and what its applicant must do, from its public facts only. */
export function progressOf(app: ApplicationView): TrackProgress {
  const supplement = app.tasks.some((t) => t.status === 'supplement');
  const paused = app.tasks.some((t) => t.status === 'paused');
  let stage: Bilingual;
  let action: Bilingual | null = null;
  switch (app.status) {
    case 'deficient':
      stage = { zh: '材料不全，待补齐', en: 'Incomplete, waiting for the missing items' };
      action = {
        zh: '请按一次性告知书补齐材料（可在线补交，或带告知书到窗口）',
        en: 'Hand in the items listed in the one-time notice (online, or at the window with the notice)',
      };
      break;
    case 'accepted':
    case 'paused':
      if (supplement) {
        stage = { zh: '待补正', en: 'Waiting for a correction' };
        action = {
          zh: '审批部门要求补正材料，请登录“我的办件”查看并提交',
          en: 'A department asks for a correction: sign in to My applications to see it and answer',
        };
      } else if (paused || app.status === 'paused') {
        stage = {
          zh: '依法暂停计时（专家评审、检验检测等）',
          en: 'Clock paused by law (expert review, testing and the like)',
        };
      } else {
        stage = { zh: '审批中', en: 'Under review' };
      }
      break;
    case 'completed':
      stage = { zh: '已办结', en: 'Completed' };
      break;
    case 'rejected':
      stage = { zh: '已办结（不予许可）', en: 'Decided: not granted' };
      break;
    case 'refused':
      stage = { zh: '不予受理', en: 'Not accepted' };
      break;
    case 'withdrawn':
      stage = { zh: '已撤回', en: 'Withdrawn' };
      break;
  }
  return {
    subject: app.subject.name,
    status: app.status,
    stage,
    acceptedAt: app.acceptedAt,
    dueAt: app.dueAt,
    dueProvisional: app.dueProvisional,
    completedAt: app.completedAt,
    applicantMustAct: action !== null,
    action,
    steps: app.tasks
      .filter((t) => t.status !== 'cancelled')
      .map((t) => ({ name: t.name, status: STEP[t.status] })),
  };
}

/**
 * The public tracking of a receipt: anyone with the receipt number learns that it exists;
 * only the link of the printed QR code (its key) shows the progress, and never a person.
 * Throws CASE_NOT_FOUND (404) for a receipt that does not exist.
 */
export function createTrackService(deps: {
  secret: string;
  application: (receiptNo: string) => Promise<ApplicationView>;
}) {
  return {
    /** The key of a receipt's link, for printing. */
    keyOf: (receiptNo: string) => trackKey(deps.secret, receiptNo),

    async track(receiptNo: string, key: string | undefined): Promise<TrackView> {
      const app = await deps.application(receiptNo);
      const verified = isTrackKey(deps.secret, app.receiptNo, key);
      return {
        receiptNo: app.receiptNo,
        exists: true,
        verified,
        progress: verified ? progressOf(app) : null,
      };
    },
  };
}

/** The tracking service. */
export type TrackService = ReturnType<typeof createTrackService>;
