import '../applications/applications.css';
import { useNavigate } from 'react-router';
import { Alert, Badge, Button, Empty, Skeleton } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { AREAS, canOpen } from '../../app/areas';
import { usePageTitle } from '../../app/use-page-title';
import { useMe } from '../auth';
import { useT } from '../../i18n';
import { useBi } from '../catalog';
import { useDateTime } from '../cases/light';
import { useInbox, useMarkRead, type Notification } from './inbox-api';

/**
 * Where a notification leads: the applicant's application; for staff, their follow-ups
 * (escalations, follow-ups, unmet promises) or their department's queue.
 */
function useTarget(item: Notification): string | null {
  const me = useMe();
  if (!item.applicationId) return null;
  if (canOpen(me, 'applications')) return `/applications/${encodeURIComponent(item.applicationId)}`;
  if (canOpen(me, 'followUps') && item.type !== 'task.opened') return AREAS.followUps.path;
  if (canOpen(me, 'tasks')) return AREAS.tasks.path;
  return null;
}

function Row({ item }: { item: Notification }) {
  const t = useT();
  const bi = useBi();
  const navigate = useNavigate();
  const dateTime = useDateTime();
  const mark = useMarkRead();
  const target = useTarget(item);
  function open() {
    if (!item.read) mark.mutate(item.id);
    if (target) void navigate(target);
  }
  return (
    <li className={`inbox-row${item.read ? '' : ' inbox-row--unread'}`}>
      <button type="button" className="inbox-row__button" onClick={open}>
        <span className="inbox-row__head">
          {!item.read && <Badge status="processing" aria-hidden />}
          <span className="inbox-row__title">{bi(item.title)}</span>
          {!item.read && <span className="visually-hidden">{t('inbox.unread')}</span>}
        </span>
        <span className="inbox-row__body">{bi(item.body)}</span>
        <span className="inbox-row__meta">
          {dateTime(item.createdAt)}
          {item.receiptNo ? ` · ${t('apps.receiptNo', { no: item.receiptNo })}` : ''}
        </span>
      </button>
    </li>
  );
}

/**
 * 消息: notices about the account's applications (accepted, one-time notice, 补正, done), and
 * for staff their new tasks, escalations and follow-ups.
 */
export default function InboxPage() {
  const t = useT();
  usePageTitle(t('area.inbox'));
  const inbox = useInbox();
  const mark = useMarkRead();
  const items = inbox.data?.items ?? [];
  return (
    <div className="inbox-page">
      <header className="inbox-page__header">
        <h1 className="page-heading">{t('area.inbox')}</h1>
        <Button
          icon={<CheckOutlined aria-hidden />}
          disabled={!inbox.data?.unread}
          onClick={() => mark.mutate('all')}
        >
          {t('inbox.readAll')}
        </Button>
      </header>
      <p className="page-intro">
        {t('inbox.summary', { n: items.length, unread: inbox.data?.unread ?? 0 })}
      </p>
      {inbox.isError && <Alert type="error" showIcon role="alert" title={inbox.error.message} />}
      {inbox.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('inbox.empty')} />
      ) : (
        <ul className="inbox-list">
          {items.map((n) => (
            <Row key={n.id} item={n} />
          ))}
        </ul>
      )}
    </div>
  );
}
