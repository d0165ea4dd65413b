import './window.css';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Empty, Input, Result, Segmented, Skeleton } from 'antd';
import { ExportOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { ApplicationView } from '@contracts/cases';
import { usePageTitle } from '../../app/use-page-title';
import { useT } from '../../i18n';
import { useBi, useDepartmentName } from '../catalog';
import {
  ApplicationStatusTag,
  documentUrl,
  useApplication,
  useApplications,
  useDateTime,
  useHandOver,
} from '../cases';

type Filter = 'ready' | 'running' | 'all';

function HandOverPanel({ id }: { id: string }) {
  const t = useT();
  const bi = useBi();
  const dateTime = useDateTime();
  const departmentName = useDepartmentName();
  const { message } = App.useApp();
  const application = useApplication(id);
  const handOver = useHandOver(id);
  const [note, setNote] = useState('');

  if (application.isPending) return <Skeleton active />;
  if (application.isError) {
    return <Alert type="error" showIcon role="alert" title={application.error.message} />;
  }
  const a: ApplicationView = application.data;
  const handed = [...a.actions].reverse().find((x) => x.type === 'handed-over');

  return (
    <section className="desk-card hand-over-panel" aria-labelledby="hand-over-title">
      <h2 id="hand-over-title" className="section-title">
        {bi(a.subject.name)} · {a.receiptNo}
      </h2>
      <p>
        <ApplicationStatusTag status={a.status} /> {a.applicant.name}{' '}
        {a.applicant.maskedIdNumber ?? a.applicant.creditCode}
      </p>
      {a.results.length > 0 && (
        <ul className="plain-list">
          {a.results.map((r) => {
            const task = a.tasks.find((x) => x.step === r.step);
            return (
              <li key={r.step}>
                {t('common.pair', {
                  label: t('graph.item', {
                    name: task ? bi(task.name) : r.step,
                    department: departmentName(r.department),
                  }),
                  value: Object.values(r.outputs).map(String).join(' · '),
                })}
              </li>
            );
          })}
        </ul>
      )}
      {handed ? (
        <Result
          status="success"
          title={<h3 className="result-heading">{t('handOver.doneTitle')}</h3>}
          subTitle={t('handOver.doneAt', { at: dateTime(handed.at) })}
          extra={
            <Button
              type="primary"
              icon={<FilePdfOutlined aria-hidden />}
              href={documentUrl.handOver(a.id)}
              target="_blank"
              rel="noreferrer"
            >
              {t('doc.handOver')}
            </Button>
          }
        />
      ) : a.status === 'completed' ? (
        <div className="hand-over-panel__form">
          <label className="stacked-field">
            <span>{t('handOver.note')}</span>
            <Input.TextArea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={500}
              autoSize={{ minRows: 2 }}
            />
          </label>
          {handOver.error && <Alert type="error" showIcon title={handOver.error.message} />}
          <Button
            type="primary"
            icon={<ExportOutlined aria-hidden />}
            loading={handOver.isPending}
            onClick={() =>
              handOver.mutate(note.trim() || undefined, {
                onSuccess: () => void message.success(t('handOver.doneTitle')),
              })
            }
          >
            {t('handOver.confirm')}
          </Button>
        </div>
      ) : (
        <Alert type="info" showIcon title={t('handOver.notReady')} />
      )}
    </section>
  );
}

/**
 * 统一出件: the applications this window took in, those completed first; the clerk picks one,
 * hands the results over, records it and prints the hand-over record.
 */
export default function HandOverPage() {
  const t = useT();
  const bi = useBi();
  const dateTime = useDateTime();
  usePageTitle(t('area.handOver'));
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useState<Filter>('ready');
  const [q, setQ] = useState('');
  const applications = useApplications({ live: true });
  const selected = params.get('application');
  const items = (applications.data ?? [])
    .filter((a) =>
      filter === 'ready'
        ? a.status === 'completed'
        : filter === 'running'
          ? ['accepted', 'paused', 'deficient'].includes(a.status)
          : true,
    )
    .filter((a) => !q.trim() || a.receiptNo.includes(q.trim().toUpperCase()));

  return (
    <div className="hand-over-page">
      <h1 className="page-heading">{t('area.handOver')}</h1>
      <div className="desk-toolbar">
        <Segmented<Filter>
          aria-label={t('apps.filter')}
          value={filter}
          onChange={(v) => setFilter(v)}
          options={[
            { value: 'ready', label: t('handOver.ready') },
            { value: 'running', label: t('handOver.running') },
            { value: 'all', label: t('find.all') },
          ]}
        />
        <Input.Search
          aria-label={t('handOver.search')}
          placeholder={t('handOver.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          allowClear
          className="desk-toolbar__search"
        />
      </div>
      <div className="desk-split">
        <div className="desk-split__list">
          {applications.isPending ? (
            <Skeleton active />
          ) : items.length === 0 ? (
            <Empty description={t('handOver.none')} />
          ) : (
            <ul className="app-list">
              {items.map((a) => (
                <li
                  key={a.id}
                  className={`app-row${a.id === selected ? ' app-row--selected' : ''}`}
                >
                  <button
                    type="button"
                    className="app-row__link"
                    onClick={() => setParams({ application: a.id })}
                    aria-pressed={a.id === selected}
                  >
                    <span className="app-row__main">
                      <span className="app-row__title">{bi(a.subject.name)}</span>
                      <span className="app-row__meta">
                        {a.receiptNo} · {dateTime(a.submittedAt)}
                      </span>
                    </span>
                    <span className="app-row__state">
                      <ApplicationStatusTag status={a.status} />
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="desk-split__detail">
          {selected ? (
            <HandOverPanel key={selected} id={selected} />
          ) : (
            <Empty description={t('handOver.pick')} />
          )}
        </div>
      </div>
    </div>
  );
}
