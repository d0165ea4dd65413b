import './track.css';
import { useParams, useSearchParams } from 'react-router';
import { Alert, Skeleton, Steps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { TrackView } from '@contracts/track';
import { apiGet, type ApiError } from '../../api';
import { usePageTitle } from '../../app/use-page-title';
import { useT, type MessageKey } from '../../i18n';
import { useBi } from '../catalog';
import { ApplicationStatusTag, useDateTime } from '../cases/light';

const STEP_KEY: Record<NonNullable<TrackView['progress']>['steps'][number]['status'], MessageKey> =
  {
    waiting: 'track.step.waiting',
    'in-progress': 'track.step.inProgress',
    supplement: 'track.step.supplement',
    paused: 'track.step.paused',
    approved: 'track.step.approved',
    rejected: 'track.step.rejected',
  };

const STEP_STATUS = {
  waiting: 'wait',
  'in-progress': 'process',
  supplement: 'error',
  paused: 'process',
  approved: 'finish',
  rejected: 'error',
} as const;

/**
 * 办件进度: the public page the QR code of a receipt opens. No account needed; the key in the
 * link shows the progress, without it only that the receipt exists. Nothing personal is shown.
 */
export default function TrackPage() {
  const t = useT();
  const bi = useBi();
  const dateTime = useDateTime();
  const { receiptNo = '' } = useParams();
  const [search] = useSearchParams();
  const key = search.get('k') ?? '';
  usePageTitle(t('track.title'));
  const track = useQuery<TrackView, ApiError>({
    queryKey: ['track', receiptNo, key],
    queryFn: ({ signal }) =>
      apiGet<TrackView>(
        `/api/v1/track/${encodeURIComponent(receiptNo)}${key ? `?k=${encodeURIComponent(key)}` : ''}`,
        signal,
      ),
    retry: false,
  });

  return (
    <div className="track-page">
      <h1 className="page-heading">{t('track.title')}</h1>
      <p className="mono" data-testid="track-receipt">
        {t('apps.receiptNo', { no: receiptNo })}
      </p>
      {track.isPending && <Skeleton active />}
      {track.error && (
        // An alert, not antd's Result (its illustrations weigh 10 kB on a page opened by QR code).
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={track.error.message}
          description={t('track.notFoundHint')}
        />
      )}
      {track.data && !track.data.progress && (
        <Alert
          type="info"
          showIcon
          message={t('track.exists')}
          description={t('track.existsHint')}
        />
      )}
      {track.data?.progress && (
        <section className="track-page__progress" aria-label={t('track.title')}>
          <h2 className="track-page__subject">{bi(track.data.progress.subject)}</h2>
          <p>
            <ApplicationStatusTag status={track.data.progress.status} />{' '}
            <strong data-testid="track-stage">{bi(track.data.progress.stage)}</strong>
          </p>
          {track.data.progress.dueAt && !track.data.progress.completedAt && (
            <p>
              {t('submitted.dueAt', { at: dateTime(track.data.progress.dueAt) })}
              {track.data.progress.dueProvisional && (
                <span title={t('due.provisionalHint')}> ({t('due.provisional')})</span>
              )}
            </p>
          )}
          {track.data.progress.completedAt && (
            <p>{t('track.completedAt', { at: dateTime(track.data.progress.completedAt) })}</p>
          )}
          {track.data.progress.action ? (
            <Alert
              type="warning"
              showIcon
              message={t('track.mustAct')}
              description={bi(track.data.progress.action)}
            />
          ) : (
            <Alert type="success" showIcon message={t('track.nothingToDo')} />
          )}
          {track.data.progress.steps.length > 0 && (
            <Steps
              direction="vertical"
              size="small"
              className="track-page__steps"
              current={Math.max(
                0,
                track.data.progress.steps.findIndex((s) => s.status !== 'approved'),
              )}
              items={track.data.progress.steps.map((s) => ({
                title: bi(s.name),
                description: t(STEP_KEY[s.status]),
                status: STEP_STATUS[s.status],
              }))}
            />
          )}
        </section>
      )}
    </div>
  );
}
