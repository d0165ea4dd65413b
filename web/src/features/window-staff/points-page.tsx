import './window-staff.css';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  Button,
  Empty,
  Grid,
  Select,
  Skeleton,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import type { ClerkPoints, PointsLine } from '@contracts/window-staff';
import { usePageTitle } from '../../app/use-page-title';
import { useT } from '../../i18n';
import { useMe } from '../auth';
import { useBi } from '../catalog';
import { useDateTime } from '../cases/light';
import { recentMonths } from './months';
import { usePoints } from './points-api';

const TIER_COLORS = ['gold', 'green', 'blue', 'default'];

function Points({ value }: { value: number }) {
  return (
    <span className={value < 0 ? 'points points--minus' : 'points'}>
      {value > 0 ? `+${value}` : value}
    </span>
  );
}

function TierTag({ clerk }: { clerk: ClerkPoints }) {
  const bi = useBi();
  const index = Number(/\d+$/.exec(clerk.tier.id)?.[0] ?? 0) - 1;
  return <Tag color={TIER_COLORS[index] ?? 'default'}>{bi(clerk.tier.name)}</Tag>;
}

/** The ledger lines of one clerk's month, in time order. */
function LedgerLines({ lines }: { lines: PointsLine[] }) {
  const t = useT();
  const bi = useBi();
  const dateTime = useDateTime();
  if (lines.length === 0) return <p className="page-intro">{t('windowStaff.noLines')}</p>;
  return (
    <ol className="points-lines" aria-label={t('windowStaff.lines')}>
      {lines.map((l) => (
        <li key={`${l.rule.id}-${l.applicationId}`} className="points-line">
          <span className="points-line__rule">{bi(l.rule.name)}</span>
          <Link className="mono" to={`/track/${encodeURIComponent(l.receiptNo)}`}>
            {l.receiptNo}
          </Link>
          <span className="points-line__at">{dateTime(l.at)}</span>
          <Points value={l.points} />
        </li>
      ))}
    </ol>
  );
}

/** One clerk's month on a phone, or a clerk's own: the same facts as a row, lines below. */
function ClerkCard({ clerk, open }: { clerk: ClerkPoints; open: boolean }) {
  const t = useT();
  const bi = useBi();
  const [shown, setShown] = useState(open);
  return (
    <li className="desk-card points-card">
      <div className="points-card__head">
        <span className="points-card__rank">{t('windowStaff.rankOf', { rank: clerk.rank })}</span>
        <span className="points-card__name">{clerk.name}</span>
        <TierTag clerk={clerk} />
      </div>
      <dl className="points-card__facts">
        <dt>{t('windowStaff.grade')}</dt>
        <dd>{bi(clerk.grade.name)}</dd>
        <dt>{t('windowStaff.window')}</dt>
        <dd>{clerk.windowNo ?? t('windowStaff.noWindow')}</dd>
        <dt>{t('windowStaff.points')}</dt>
        <dd>
          <Points value={clerk.total} />
        </dd>
        <dt>{t('windowStaff.payFactor')}</dt>
        <dd>{clerk.payFactor}</dd>
      </dl>
      {open ? (
        <LedgerLines lines={clerk.lines} />
      ) : (
        <>
          <Button
            type="link"
            className="points-card__toggle"
            onClick={() => setShown(!shown)}
            aria-expanded={shown}
          >
            {shown ? t('windowStaff.hideLines') : t('windowStaff.showLines')} ·{' '}
            {t('windowStaff.linesCount', { n: clerk.lines.length })}
          </Button>
          {shown && <LedgerLines lines={clerk.lines} />}
        </>
      )}
    </li>
  );
}

/**
 * 窗口积分: the month's ranking of the window clerks (grade, window, points, pay tier), each
 * clerk's ledger lines on expanding; a clerk sees their own month. Figures come from the
 * applications' history under the county's rules (catalog/window-staff.yaml).
 */
export default function PointsPage() {
  const t = useT();
  usePageTitle(t('windowStaff.title'));
  const me = useMe();
  const bi = useBi();
  const dateTime = useDateTime();
  const overseer = me.roles.includes('supervisor') || me.roles.includes('admin');
  const months = recentMonths(new Date());
  const [month, setMonth] = useState(months[0]!);
  const points = usePoints(month);
  const clerks = points.data?.clerks ?? [];
  const screens = Grid.useBreakpoint();
  const phone = screens.sm === false;

  const columns: TableColumnsType<ClerkPoints> = [
    { key: 'rank', title: t('windowStaff.rank'), dataIndex: 'rank', width: 72 },
    { key: 'clerk', title: t('windowStaff.clerk'), dataIndex: 'name' },
    {
      key: 'grade',
      title: t('windowStaff.grade'),
      dataIndex: 'grade',
      render: (grade: ClerkPoints['grade']) => bi(grade.name),
    },
    {
      key: 'window',
      title: t('windowStaff.window'),
      dataIndex: 'windowNo',
      render: (windowNo: string | null) => windowNo ?? t('windowStaff.noWindow'),
    },
    {
      key: 'points',
      title: t('windowStaff.points'),
      dataIndex: 'total',
      align: 'right',
      render: (total: number) => <Points value={total} />,
    },
    {
      key: 'tier',
      title: t('windowStaff.tier'),
      render: (_: unknown, clerk: ClerkPoints) => <TierTag clerk={clerk} />,
    },
    { key: 'payFactor', title: t('windowStaff.payFactor'), dataIndex: 'payFactor', align: 'right' },
  ];

  return (
    <div className="points-page">
      <h1 className="page-heading">{t('windowStaff.title')}</h1>
      <p className="page-intro">{overseer ? t('windowStaff.intro') : t('windowStaff.ownIntro')}</p>
      <div className="desk-toolbar">
        <label className="points-month">
          <span>{t('windowStaff.month')}</span>
          <Select<string>
            className="points-month__select"
            aria-label={t('windowStaff.month')}
            value={month}
            onChange={setMonth}
            options={months.map((m) => ({ value: m, label: m }))}
          />
        </label>
      </div>
      {points.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('windowStaff.loadFailed')}
          description={points.error.message}
        />
      ) : points.isPending ? (
        <Skeleton active />
      ) : clerks.length === 0 ? (
        <Empty description={t('windowStaff.empty')} />
      ) : (
        <>
          {phone || !overseer ? (
            <ul className="points-cards" aria-label={t('windowStaff.title')}>
              {clerks.map((c) => (
                <ClerkCard key={c.accountId} clerk={c} open={!overseer} />
              ))}
            </ul>
          ) : (
            <Table<ClerkPoints>
              rowKey="accountId"
              size="small"
              columns={columns}
              dataSource={clerks}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              expandable={{ expandedRowRender: (c) => <LedgerLines lines={c.lines} /> }}
              scroll={{ x: 'max-content' }}
            />
          )}
          <p className="page-intro points-note">
            {t('windowStaff.computedAt', { at: dateTime(points.data.computedAt) })} ·{' '}
            {t('windowStaff.configNote')}
          </p>
        </>
      )}
    </div>
  );
}
