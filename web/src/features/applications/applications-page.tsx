import './applications.css';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Empty, Popconfirm, Segmented, Skeleton } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import type { ApplicationView } from '@contracts/cases';
import { usePageTitle } from '../../app/use-page-title';
import { useT } from '../../i18n';
import { useBi, useGuide } from '../catalog';
import {
  AlertTag,
  ApplicationStatusTag,
  DueTime,
  useApplications,
  useDateTime,
  useDeleteDraft,
  useDrafts,
  type ApplicationSummary,
  type Draft,
} from '../cases/light';

type Filter = 'all' | 'running' | 'action' | 'done';

const RUNNING: readonly ApplicationView['status'][] = ['accepted', 'paused'];
const DONE: readonly ApplicationView['status'][] = [
  'completed',
  'rejected',
  'refused',
  'withdrawn',
];

function matches(filter: Filter, app: ApplicationSummary): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'running':
      return RUNNING.includes(app.status);
    case 'action':
      return app.status === 'deficient' || app.status === 'paused';
    case 'done':
      return DONE.includes(app.status);
  }
}

function DraftRow({ draft }: { draft: Draft }) {
  const t = useT();
  const bi = useBi();
  const navigate = useNavigate();
  const dateTime = useDateTime();
  const { message } = App.useApp();
  const guide = useGuide(draft.subject.kind, draft.subject.code);
  const remove = useDeleteDraft();
  const name = guide.data ? bi(guide.data.name) : draft.subject.code;
  return (
    <li className="app-row app-row--draft">
      <div className="app-row__main">
        <span className="app-row__title">{name}</span>
        <span className="app-row__meta">
          {t('drafts.savedAt', { at: dateTime(draft.updatedAt) })}
        </span>
      </div>
      <div className="app-row__actions">
        <Button
          type="primary"
          icon={<EditOutlined aria-hidden />}
          onClick={() =>
            void navigate(`/apply/${draft.subject.kind}/${encodeURIComponent(draft.subject.code)}`)
          }
          aria-label={t('drafts.resumeOf', { name })}
        >
          {t('drafts.resume')}
        </Button>
        <Popconfirm
          title={t('drafts.deleteConfirm')}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            remove.mutate(draft.key, { onError: (e) => void message.error(e.message) })
          }
        >
          <Button
            icon={<DeleteOutlined aria-hidden />}
            aria-label={t('drafts.deleteOf', { name })}
          />
        </Popconfirm>
      </div>
    </li>
  );
}

function ApplicationRow({ app }: { app: ApplicationSummary }) {
  const t = useT();
  const bi = useBi();
  const dateTime = useDateTime();
  const done = DONE.includes(app.status);
  return (
    <li className={`app-row app-row--${app.alert}`}>
      <Link to={`/applications/${encodeURIComponent(app.id)}`} className="app-row__link">
        <div className="app-row__main">
          <span className="app-row__title">{bi(app.subject.name)}</span>
          <span className="app-row__meta">
            {t('apps.receiptNo', { no: app.receiptNo })} ·{' '}
            {t('apps.submittedAt', { at: dateTime(app.submittedAt) })}
          </span>
        </div>
        <div className="app-row__state">
          <ApplicationStatusTag status={app.status} />
          {!done && <AlertTag alert={app.alert} />}
          {app.dueAt && !done && (
            <DueTime dueAt={app.dueAt} alert={app.alert} provisional={app.dueProvisional} />
          )}
        </div>
      </Link>
    </li>
  );
}

/** 我的办件: drafts to continue, and every application with its state and due time. */
export default function ApplicationsPage() {
  const t = useT();
  usePageTitle(t('area.applications'));
  const [filter, setFilter] = useState<Filter>('all');
  const applications = useApplications({ live: true });
  const drafts = useDrafts();
  const items = (applications.data ?? []).filter((a) => matches(filter, a));

  return (
    <div className="applications-page">
      <h1 className="page-heading">{t('area.applications')}</h1>
      {(drafts.data ?? []).length > 0 && (
        <section aria-labelledby="drafts-title" className="result-section">
          <h2 id="drafts-title" className="section-title">
            {t('drafts.title', { n: drafts.data?.length ?? 0 })}
          </h2>
          <ul className="app-list">
            {(drafts.data ?? []).map((d) => (
              <DraftRow key={d.key} draft={d} />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="apps-title" className="result-section">
        <h2 id="apps-title" className="section-title">
          {t('apps.title')}
        </h2>
        <Segmented<Filter>
          aria-label={t('apps.filter')}
          value={filter}
          onChange={(v) => setFilter(v)}
          options={(['all', 'running', 'action', 'done'] as const).map((f) => ({
            value: f,
            label: t(`apps.filter.${f}`),
          }))}
          className="apps-filter"
        />
        {applications.isError && (
          <Alert type="error" showIcon role="alert" title={applications.error.message} />
        )}
        {applications.isPending ? (
          <Skeleton active />
        ) : items.length === 0 ? (
          <Empty description={t('apps.none')} />
        ) : (
          <ul className="app-list">
            {items.map((a) => (
              <ApplicationRow key={a.id} app={a} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
