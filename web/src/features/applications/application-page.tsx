import './applications.css';
import { Suspense, lazy, useEffect, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Collapse, Descriptions, Skeleton, Tag } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import type { ApplicationView } from '@contracts/cases';
import { usePageTitle } from '../../app/use-page-title';
import { useT, type MessageKey } from '../../i18n';
import { useBi, useDepartmentName, useGuide } from '../catalog';
import { AlertTag, ApplicationStatusTag, DueTime, useDateTime } from '../cases/light';
import {
  FormSummary,
  HistoryList,
  NoticeCard,
  TaskTimeline,
  DocumentButton,
  documentUrl,
  supplementRequests,
  useApplication,
  useWithdraw,
} from '../cases/view';
import { ResultsCard } from './results-card';

// The ledger panel (and its Web Crypto verifier) loads only when an application is shown.
const LedgerPanel = lazy(() => import('../ledger/ledger-panel'));
// The supplement and rating forms (antd's Form, inputs and uploads) load only when the
// application asks for one, so a link to an application opens without them.
const SupplyForm = lazy(async () => ({
  default: (await import('../cases/supply-form')).SupplyForm,
}));
const RatingForm = lazy(async () => ({ default: (await import('./rating-form')).RatingForm }));
// The banner after submitting and the not-found page use antd's Result (10 kB): loaded when shown.
const SubmittedBanner = lazy(async () => ({
  default: (await import('./submitted-banner')).SubmittedBanner,
}));
const StatusPage = lazy(async () => ({
  default: (await import('../../app/pages/status-page')).StatusPage,
}));

const WITH_RECEIPT: readonly ApplicationView['status'][] = ['accepted', 'paused', 'completed'];
const WITHDRAWABLE: readonly ApplicationView['status'][] = ['deficient', 'accepted', 'paused'];

function materialStateKey(state: ApplicationView['materials'][number]['state']): MessageKey {
  return `materialState.${state}`;
}

/**
 * One application as its applicant follows it: the receipt or the one-time notice with a
 * form to supplement exactly those items; supplement requests to answer; the live timeline of
 * the steps; results; the rating once done; the data given and the full history.
 */
export default function ApplicationPage() {
  const t = useT();
  const bi = useBi();
  const dateTime = useDateTime();
  const { message, modal } = App.useApp();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  // The receipt banner belongs to this visit only: a reload or a later visit shows the page.
  const [submitted] = useState(
    (location.state as { submitted?: boolean } | null)?.submitted === true,
  );
  useEffect(() => {
    if (location.state) void navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);
  const application = useApplication(id);
  const app = application.data;
  const guide = useGuide(app?.subject.kind, app?.subject.code);
  const withdraw = useWithdraw(id);
  const departmentName = useDepartmentName();
  usePageTitle(app ? bi(app.subject.name) : t('area.applications'));

  if (application.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (application.isError) {
    return application.error.status === 404 ? (
      <Suspense fallback={<Skeleton active />}>
        <StatusPage status="404" heading={t('area.applications')} subTitle={t('apps.notFound')} />
      </Suspense>
    ) : (
      <Alert type="error" showIcon role="alert" title={application.error.message} />
    );
  }
  const a = application.data;
  const requests = supplementRequests(a);
  const settled = ['completed', 'rejected', 'refused', 'withdrawn'].includes(a.status);

  return (
    <article className="application-page">
      <header className="application-page__header">
        <p className="guide-page__kicker">{t('apps.receiptNo', { no: a.receiptNo })}</p>
        <h1 className="page-heading">{bi(a.subject.name)}</h1>
        <div className="application-page__state">
          <ApplicationStatusTag status={a.status} />
          {!settled && <AlertTag alert={a.alert} />}
          {a.dueAt && !settled && (
            <span>
              {t('apps.dueAt')}{' '}
              <DueTime dueAt={a.dueAt} alert={a.alert} provisional={a.dueProvisional} />
            </span>
          )}
        </div>
        <div className="application-page__actions">
          {WITH_RECEIPT.includes(a.status) && (
            <DocumentButton href={documentUrl.receipt(a.id)}>{t('doc.receipt')}</DocumentButton>
          )}
          {WITHDRAWABLE.includes(a.status) && (
            // A confirm dialog from the shell's antd App, not a Popconfirm (its popover and form
            // context would weigh on the page's first screen).
            <Button
              icon={<RollbackOutlined aria-hidden />}
              danger
              onClick={() =>
                void modal.confirm({
                  title: t('apps.withdrawConfirm'),
                  okText: t('apps.withdraw'),
                  okButtonProps: { danger: true },
                  cancelText: t('common.cancel'),
                  onOk: () =>
                    withdraw.mutate(undefined, {
                      onSuccess: () => void message.success(t('apps.withdrawn')),
                      onError: (e) => void message.error(e.message),
                    }),
                })
              }
            >
              {t('apps.withdraw')}
            </Button>
          )}
        </div>
      </header>

      {submitted && (a.status === 'accepted' || a.status === 'deficient') && (
        <Suspense fallback={null}>
          <SubmittedBanner application={a} />
        </Suspense>
      )}

      {a.status === 'deficient' && a.notice && (
        <>
          <NoticeCard applicationId={a.id} notice={a.notice} />
          <Suspense fallback={<Skeleton active />}>
            <SupplyForm
              application={a}
              items={a.notice.items.map((i) => ({ material: i.material }))}
              title={t('supply.noticeTitle')}
            />
          </Suspense>
        </>
      )}

      {requests.map((request) => {
        const task = a.tasks.find((x) => x.id === request.taskId);
        return (
          <section key={request.taskId} className="supplement-request">
            <Alert
              type="warning"
              showIcon
              title={t('supply.requestTitle', { step: task ? bi(task.name) : request.step })}
              description={request.comment}
            />
            <Suspense fallback={<Skeleton active />}>
              <SupplyForm application={a} items={request.items} title={t('supply.requestForm')} />
            </Suspense>
          </section>
        );
      })}

      {a.tasks.length > 0 && (
        <section className="app-section" aria-labelledby="app-progress">
          <h2 id="app-progress" className="section-title">
            {t('apps.progress')}
          </h2>
          <TaskTimeline tasks={a.tasks} />
        </section>
      )}

      {a.results.length > 0 && (
        <section className="app-section" aria-labelledby="app-results">
          <h2 id="app-results" className="section-title">
            {t('apps.results')}
          </h2>
          <ResultsCard application={a} guide={guide.data} />
        </section>
      )}

      {(a.status === 'completed' || a.status === 'rejected') && (
        <section className="app-section" aria-labelledby="app-rating">
          <h2 id="app-rating" className="section-title">
            {t('rating.title')}
          </h2>
          {/* A new round of rating starts from an empty form. */}
          <Suspense fallback={<Skeleton active />}>
            <RatingForm key={a.evaluations.length} application={a} />
          </Suspense>
        </section>
      )}

      <section className="app-section" aria-labelledby="app-details">
        <h2 id="app-details" className="section-title">
          {t('apps.details')}
        </h2>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'submitted', label: t('apps.submitted'), children: dateTime(a.submittedAt) },
            { key: 'accepted', label: t('apps.accepted'), children: dateTime(a.acceptedAt) },
            { key: 'due', label: t('apps.dueAt'), children: dateTime(a.dueAt) },
            { key: 'completed', label: t('apps.completed'), children: dateTime(a.completedAt) },
            { key: 'channel', label: t('apps.channel'), children: t(`channel.${a.channel}`) },
            {
              key: 'applicant',
              label: t('apps.applicant'),
              children: [a.applicant.name, a.applicant.maskedIdNumber ?? a.applicant.creditCode]
                .filter(Boolean)
                .join(' · '),
            },
            ...(a.consent
              ? [
                  {
                    key: 'consent',
                    label: t('apps.consent'),
                    children: (
                      <div className="application-consent">
                        <p>
                          {t(
                            a.consent.by === 'clerk' ? 'apps.consentByClerk' : 'apps.consentGiven',
                            {
                              at: dateTime(a.consent.givenAt),
                              n: a.consent.items.length,
                            },
                          )}
                        </p>
                        <ul className="plain-list">
                          {a.consent.items.map((i) => (
                            <li key={i.material}>
                              {t('apps.consentItem', {
                                material: bi(i.name),
                                source: departmentName(i.source),
                              })}
                            </li>
                          ))}
                        </ul>
                      </div>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </section>

      <Collapse
        className="app-section"
        items={[
          {
            key: 'form',
            label: t('apps.form'),
            children: <FormSummary schema={guide.data?.form} values={a.form} />,
          },
          {
            key: 'materials',
            label: t('apps.materials'),
            children: (
              <ul className="review-materials">
                {a.materials.map((m) => (
                  <li key={m.material} className="review-materials__item">
                    <span className="review-materials__name">{bi(m.name)}</span>
                    <Tag>{t(materialStateKey(m.state))}</Tag>
                    {m.commitmentDue && (
                      <span>{t('apps.commitmentDue', { date: m.commitmentDue })}</span>
                    )}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            key: 'history',
            label: t('apps.history'),
            children: <HistoryList actions={a.actions} />,
          },
        ]}
      />

      <section className="app-section" aria-label={t('ledger.title')}>
        <Suspense fallback={null}>
          <LedgerPanel applicationId={a.id} />
        </Suspense>
      </section>
    </article>
  );
}
