import type { Kysely } from 'kysely';
import { toRfc3339, type Clock } from '../../platform/clock/index.js';
import { NotFoundError } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Logger } from '../../platform/logging/index.js';
import type { Database } from '../../schema.js';
import type { NotificationsRepo } from './notifications.repo.js';

/** A message as the outbound port sends it (SMS or e-mail). */
export interface OutboundMessage {
  accountId: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
}

/** The outbound SMS / e-mail port; real gateways plug in behind it. */
export interface OutboundMessenger {
  send(message: OutboundMessage): Promise<void>;
}

/** The default messenger: writes what would be sent to the log (no personal numbers). */
export function loggingMessenger(logger: Logger): OutboundMessenger {
  return {
    async send(message) {
      logger.info(
        { accountId: message.accountId, title: message.title.zh },
        'outbound message (logging adapter)',
      );
    },
  };
}

/** A case event as the inbox hears it. */
export interface InboxEvent {
  type: string;
  applicationId: string;
  receiptNo: string;
  departmentCode?: string;
  recipientAccount?: string;
  /** The staff account a follow-up belongs to. */
  ownerAccount?: string;
  data: Record<string, unknown>;
  at: Date;
}

/**
 * Who hears of an event: the applicant (also by SMS), the staff of its department, the
 * department's leads, the supervision office, the follow-up's owner.
 */
type Audience = 'applicant' | 'department' | 'leads' | 'supervisors' | 'owner';

type Text = { zh: string; en: string };
/** A scalar event field as text (anything else as nothing). */
/** An instant as a person reads it in China: `2026-12-02 17:30`. */
const when = (v: unknown): string =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v))
    ? toRfc3339(new Date(v)).slice(0, 16).replace('T', ' ')
    : shown(v);
const shown = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : '';
const KIND: Record<string, Text> = {
  escalation: { zh: '超期督办', en: 'escalation' },
  'rating-callback': { zh: '差评回访', en: 'rating call-back' },
  'rating-rectification': { zh: '差评整改', en: 'rating rectification' },
  commitment: { zh: '容缺承诺', en: 'promised material' },
};
const kind = (v: unknown): Text => KIND[shown(v)] ?? { zh: shown(v), en: shown(v) };

const MESSAGES: Record<
  string,
  { to: Audience[]; text: (e: InboxEvent) => { title: Text; body: Text } }
> = {
  'application.accepted': {
    to: ['applicant'],
    text: (e) => ({
      title: { zh: '办件已受理', en: 'Application accepted' },
      body: {
        zh: `受理编号 ${e.receiptNo}，承诺办结时间 ${when(e.data.dueAt)}`,
        en: `Receipt ${e.receiptNo}, due ${when(e.data.dueAt)}`,
      },
    }),
  },
  'application.deficient': {
    to: ['applicant'],
    text: (e) => ({
      title: { zh: '一次性告知：材料不全', en: 'One-time notice: materials missing' },
      body: {
        zh: `办件 ${e.receiptNo} 缺少 ${shown(e.data.items)} 项材料，请一次补齐`,
        en: `Application ${e.receiptNo} lacks ${shown(e.data.items)} materials; supply them all at once`,
      },
    }),
  },
  'supplement.requested': {
    to: ['applicant'],
    text: (e) => ({
      title: { zh: '请补正材料', en: 'Please supplement materials' },
      body: {
        zh: `办件 ${e.receiptNo} 需要补正，计时已暂停`,
        en: `Application ${e.receiptNo} needs a supplement; the clock is paused`,
      },
    }),
  },
  'application.completed': {
    to: ['applicant'],
    text: (e) => ({
      title: { zh: '办件已办结', en: 'Application completed' },
      body: {
        zh: `办件 ${e.receiptNo} 已办结，欢迎评价`,
        en: `Application ${e.receiptNo} is complete; please rate the service`,
      },
    }),
  },
  'application.rejected': {
    to: ['applicant'],
    text: (e) => ({
      title: { zh: '办件未获批准', en: 'Application not approved' },
      body: {
        zh: `办件 ${e.receiptNo} 有事项未获批准，请查看原因`,
        en: `A step of application ${e.receiptNo} was not approved; see why`,
      },
    }),
  },
  'task.opened': {
    to: ['department'],
    text: (e) => ({
      title: { zh: '新的待办', en: 'New task' },
      body: {
        zh: `办件 ${e.receiptNo} 有一项待审批任务`,
        en: `Application ${e.receiptNo} has a task for your department`,
      },
    }),
  },
  'task.escalated': {
    to: ['leads', 'supervisors'],
    text: (e) => ({
      title: { zh: '超期督办', en: 'Overdue task escalated' },
      body: {
        zh: `办件 ${e.receiptNo} 的任务已超期，已上报部门负责人和效能监察，请于1个工作日内督办`,
        en: `A task of ${e.receiptNo} is overdue and was escalated to the lead and supervision; follow it up within 1 working day`,
      },
    }),
  },
  'follow-up.assigned': {
    to: ['owner'],
    text: (e) => ({
      title: {
        zh: `新的督办：${kind(e.data.kind).zh}`,
        en: `New follow-up: ${kind(e.data.kind).en}`,
      },
      body: {
        zh: `办件 ${e.receiptNo}，请于 ${when(e.data.dueAt)} 前办结`,
        en: `Application ${e.receiptNo}; close it by ${when(e.data.dueAt)}`,
      },
    }),
  },
  'follow-up.overdue': {
    to: ['owner', 'supervisors'],
    text: (e) => ({
      title: {
        zh: `督办逾期：${kind(e.data.kind).zh}`,
        en: `Follow-up overdue: ${kind(e.data.kind).en}`,
      },
      body: {
        zh: `办件 ${e.receiptNo} 的${kind(e.data.kind).zh}已超过 ${when(e.data.dueAt)}，仍未办结`,
        en: `The ${kind(e.data.kind).en} of ${e.receiptNo} was due ${when(e.data.dueAt)} and is not closed`,
      },
    }),
  },
  'follow-up.closed': {
    to: ['applicant'],
    text: (e) => ({
      title:
        e.data.kind === 'commitment'
          ? { zh: '容缺承诺已办结', en: 'Your promised material is settled' }
          : { zh: '您的评价已回访处理', en: 'Your rating was followed up' },
      body: {
        zh: `办件 ${e.receiptNo}：${shown(e.data.outcome)}${e.data.rateAgain === true ? '。欢迎再次评价' : ''}`,
        en: `Application ${e.receiptNo}: ${shown(e.data.outcome)}${e.data.rateAgain === true ? '. You may rate again' : ''}`,
      },
    }),
  },
  'commitment.overdue': {
    to: ['applicant', 'department', 'owner'],
    text: (e) => ({
      title: { zh: '容缺承诺材料逾期未交', en: 'Promised material overdue' },
      body: {
        zh: `办件 ${e.receiptNo} 承诺于 ${when(e.data.dueAt)} 前补交的材料尚未提交，请尽快补交`,
        en: `The material promised for ${e.receiptNo} by ${when(e.data.dueAt)} has not arrived; please hand it in`,
      },
    }),
  },
};

/**
 * The inbox: in-app notifications written in the same transaction as the case event that
 * causes them (applicants hear of acceptance, notices, supplements and results; reviewers
 * of new and escalated tasks), and the outbound port for SMS or e-mail.
 */
export function createNotificationsService(deps: {
  repo: NotificationsRepo;
  clock: Clock;
  ids: IdGenerator;
  messenger: OutboundMessenger;
}) {
  const { repo, clock, ids } = deps;

  async function audienceOf(
    tx: Kysely<Database>,
    audience: Audience,
    e: InboxEvent,
  ): Promise<string[]> {
    switch (audience) {
      case 'applicant':
        // Who submitted it (the applicant online, the clerk at a window) and the applicant's
        // own accounts, so a person served at the window hears of it too.
        return [
          ...(e.recipientAccount ? [e.recipientAccount] : []),
          ...(await repo.applicantAccounts(tx, e.applicationId)),
        ];
      case 'owner':
        return e.ownerAccount ? [e.ownerAccount] : [];
      case 'department':
        return e.departmentCode ? repo.staffOf(tx, e.departmentCode) : [];
      case 'leads':
        return e.departmentCode ? repo.staffWithRole(tx, 'lead', e.departmentCode) : [];
      case 'supervisors':
        return repo.staffWithRole(tx, 'supervisor');
    }
  }

  return {
    /** Writes the notifications of a case event in the caller's transaction. */
    async emit(tx: Kysely<Database>, event: InboxEvent): Promise<void> {
      const message = MESSAGES[event.type];
      if (!message) return;
      const text = message.text(event);
      const recipients = new Map<string, boolean>(); // account → also by SMS
      for (const audience of message.to) {
        for (const accountId of await audienceOf(tx, audience, event)) {
          recipients.set(accountId, recipients.get(accountId) === true || audience === 'applicant');
        }
      }
      for (const [accountId, sms] of recipients) {
        await repo.insert(tx, {
          id: ids.id(),
          account_id: accountId,
          type: event.type,
          title_zh: text.title.zh,
          title_en: text.title.en,
          body_zh: text.body.zh,
          body_en: text.body.en,
          application_id: event.applicationId,
          receipt_no: event.receiptNo,
          read_at: null,
          created_at: event.at.toISOString(),
        });
        if (sms) await deps.messenger.send({ accountId, title: text.title, body: text.body });
      }
    },

    /** The caller's inbox, newest first, with the unread count. */
    async list(p: Principal, limit = 50) {
      const rows = await repo.list(p.accountId, Math.min(limit, 200));
      return {
        unread: await repo.unread(p.accountId),
        items: rows.map((r) => ({
          id: r.id,
          type: r.type,
          title: { zh: r.title_zh, en: r.title_en },
          body: { zh: r.body_zh, en: r.body_en },
          applicationId: r.application_id,
          receiptNo: r.receipt_no,
          read: r.read_at !== null,
          createdAt: r.created_at,
        })),
      };
    },

    /** Marks one of the caller's notifications read; throws 404 NOTIFICATIONS_NOT_FOUND for another's. */
    async markRead(p: Principal, id: string): Promise<void> {
      if (!(await repo.markRead(p.accountId, id, clock.now().toISOString()))) {
        throw new NotFoundError('NOTIFICATIONS_NOT_FOUND', {
          zh: '消息不存在',
          en: 'No such notification',
        });
      }
    },

    /** Marks all of the caller's notifications read. */
    async markAllRead(p: Principal): Promise<void> {
      await repo.markAllRead(p.accountId, clock.now().toISOString());
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
