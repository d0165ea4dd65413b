import type { ApplicationView } from '@contracts/cases';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { useDateTime } from './format';

const KNOWN = new Set([
  'submitted',
  'consented',
  'identity-verified',
  'originals-verified',
  'e-signed',
  'deficient',
  'accepted',
  'task-opened',
  'task-claimed',
  'task-approved',
  'task-rejected',
  'task-cancelled',
  'supplement-requested',
  'supplement-answered',
  'materials-supplied',
  'commitment-fulfilled',
  'commitment-overdue',
  'paused',
  'resumed',
  'escalated',
  'completed',
  'rejected',
  'refused',
  'withdrawn',
  'rated',
  'follow-up-opened',
  'follow-up-overdue',
  'follow-up-closed',
  'handed-over',
  'deadline-recomputed',
]);

const ROLES = new Set([
  'person',
  'company',
  'clerk',
  'reviewer',
  'lead',
  'supervisor',
  'admin',
  'judge',
  'mediator',
  'grid-worker',
  'verifier',
]);

function actionKey(type: string): MessageKey | null {
  return KNOWN.has(type) ? (`action.${type}` as MessageKey) : null;
}

function detail(
  type: string,
  data: Record<string, unknown>,
  t: Translate,
  dateTime: (iso: string) => string,
): string | null {
  // 授权调取: how many data items were agreed to, and whether a clerk recorded it.
  if (type === 'consented' && Array.isArray(data.items)) {
    const n = data.items.length;
    return data.by === 'clerk'
      ? t('history.consentByClerk', { n })
      : t('history.consentItems', { n });
  }
  // A moved deadline shows both times, so the clock history reads true.
  if (typeof data.oldDue === 'string' && typeof data.newDue === 'string') {
    const why = typeof data.reason === 'string' ? ` · ${data.reason}` : '';
    return `${dateTime(data.oldDue)} → ${dateTime(data.newDue)}${why}`;
  }
  for (const key of ['reason', 'comment', 'note', 'outcome']) {
    const value = data[key];
    if (typeof value === 'string' && value) return value;
  }
  return null;
}

/** The application's append-only history, oldest first: when, what, by which role. */
export function HistoryList({ actions }: { actions: ApplicationView['actions'] }) {
  const t = useT();
  const dateTime = useDateTime();
  return (
    <ol className="history-list">
      {actions.map((a) => {
        const key = actionKey(a.type);
        const role =
          a.actorRole === 'system'
            ? t('actor.system')
            : ROLES.has(a.actorRole)
              ? t(`role.${a.actorRole}` as MessageKey)
              : a.actorRole;
        const extra = detail(a.type, a.data, t, dateTime);
        return (
          <li key={a.seq} className="history-list__item">
            <time dateTime={a.at} className="history-list__time">
              {dateTime(a.at)}
            </time>
            <span className="history-list__what">{key ? t(key) : a.type}</span>
            <span className="history-list__who">{role}</span>
            {extra && <span className="history-list__detail">{extra}</span>}
          </li>
        );
      })}
    </ol>
  );
}
