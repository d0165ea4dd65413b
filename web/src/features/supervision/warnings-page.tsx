import './supervision.css';
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Empty, Grid, Select, Skeleton, Table, Tag, type TableColumnsType } from 'antd';
import type { OverdueItem } from '@contracts/supervision';
import { usePageTitle } from '../../app/use-page-title';
import { useT } from '../../i18n';
import { useMe } from '../auth';
import { useBi, useDepartmentName, useDepartments } from '../catalog';
import { useDateTime } from '../cases/light';
import { chinaDay } from './period';
import { exportUrl, useOverdue } from './supervision-api';
import { ExportButton } from './view-card';

const ESCALATION_COLORS: Record<OverdueItem['escalation'], string> = {
  none: 'default',
  escalated: 'orange',
  'follow-up-open': 'processing',
  'follow-up-raised': 'error',
  'follow-up-closed': 'success',
};

function OverdueDays({ days, alert }: { days: number; alert: OverdueItem['alert'] }) {
  const t = useT();
  // Past due after office hours: not yet a tenth of a working day over.
  if (days < 0.05 && alert === 'overdue')
    return <span className="supervision-overdue__days--over">{t('supervision.justOver')}</span>;
  return days > 0 ? (
    <span className="supervision-overdue__days--over">
      {t('supervision.daysOver', { n: days.toFixed(1) })}
    </span>
  ) : (
    <span>{t('supervision.daysLeft', { n: Math.abs(days).toFixed(1) })}</span>
  );
}

function AlertState({ alert }: { alert: OverdueItem['alert'] }) {
  const t = useT();
  return (
    <Tag color={alert === 'overdue' ? 'error' : 'warning'}>{t(`supervision.alert.${alert}`)}</Tag>
  );
}

function Escalation({ escalation }: { escalation: OverdueItem['escalation'] }) {
  const t = useT();
  return (
    <Tag color={ESCALATION_COLORS[escalation]}>{t(`supervision.escalation.${escalation}`)}</Tag>
  );
}

/** One application of the list on a phone: the same facts as a row of the table. */
function OverdueCard({ item }: { item: OverdueItem }) {
  const t = useT();
  const dateTime = useDateTime();
  const departmentName = useDepartmentName();
  return (
    <li
      className={`desk-card supervision-overdue${item.alert === 'overdue' ? ' supervision-overdue--over' : ''}`}
    >
      <div className="supervision-overdue__head">
        <AlertState alert={item.alert} />
        <Link className="mono" to={`/track/${encodeURIComponent(item.receiptNo)}`}>
          {item.receiptNo}
        </Link>
      </div>
      <p className="supervision-overdue__title">{item.title}</p>
      <dl className="supervision-overdue__facts">
        <dt>{t('supervision.department')}</dt>
        <dd>
          {(item.departmentCode ? departmentName(item.departmentCode) : item.departmentName) ?? '—'}
        </dd>
        <dt>{t('supervision.due')}</dt>
        <dd>{dateTime(item.dueAt)}</dd>
        <dt>{t('supervision.overdueDays')}</dt>
        <dd>
          <OverdueDays days={item.overdueDays} alert={item.alert} />
        </dd>
        <dt>{t('supervision.escalation')}</dt>
        <dd>
          <Escalation escalation={item.escalation} />
        </dd>
        <dt>{t('supervision.owner')}</dt>
        <dd>{item.ownerName ?? t('supervision.noOwner')}</dd>
      </dl>
    </li>
  );
}

/**
 * 超期预警: every step past or near its promised limit, most overdue first, with how far its
 * escalation (督办) has gone and who answers for it; a lead sees their department's.
 */
export default function WarningsPage() {
  const t = useT();
  usePageTitle(t('area.warnings'));
  const me = useMe();
  const bi = useBi();
  const dateTime = useDateTime();
  const departments = useDepartments();
  const departmentName = useDepartmentName();
  const supervisor = me.roles.includes('supervisor');
  const [picked, setPicked] = useState<string>();
  const department = supervisor ? picked : me.department?.code;
  const list = useOverdue(department);
  const items = list.data?.items ?? [];
  const today = chinaDay(new Date());
  const screens = Grid.useBreakpoint();
  // A phone reads one card per application; from a tablet on, the table.
  const phone = screens.sm === false;

  const columns: TableColumnsType<OverdueItem> = [
    {
      key: 'receipt',
      title: t('supervision.receipt'),
      dataIndex: 'receiptNo',
      fixed: 'left',
      render: (receiptNo: string) => (
        <Link className="mono" to={`/track/${encodeURIComponent(receiptNo)}`}>
          {receiptNo}
        </Link>
      ),
    },
    { key: 'title', title: t('supervision.matter'), dataIndex: 'title' },
    {
      key: 'department',
      title: t('supervision.department'),
      dataIndex: 'departmentName',
      render: (name: string | null, item) =>
        (item.departmentCode ? departmentName(item.departmentCode) : name) ?? '—',
    },
    {
      key: 'alert',
      title: t('supervision.alert'),
      dataIndex: 'alert',
      render: (alert: OverdueItem['alert']) => <AlertState alert={alert} />,
    },
    {
      key: 'due',
      title: t('supervision.due'),
      dataIndex: 'dueAt',
      render: (dueAt: string) => dateTime(dueAt),
    },
    {
      key: 'overdueDays',
      title: t('supervision.overdueDays'),
      dataIndex: 'overdueDays',
      align: 'right',
      render: (days: number, item) => <OverdueDays days={days} alert={item.alert} />,
    },
    {
      key: 'escalation',
      title: t('supervision.escalation'),
      dataIndex: 'escalation',
      render: (escalation: OverdueItem['escalation']) => (
        <Tag color={ESCALATION_COLORS[escalation]}>{t(`supervision.escalation.${escalation}`)}</Tag>
      ),
    },
    {
      key: 'owner',
      title: t('supervision.owner'),
      dataIndex: 'ownerName',
      render: (name: string | null) => name ?? t('supervision.noOwner'),
    },
  ];

  const overdue = items.filter((i) => i.alert === 'overdue').length;
  return (
    <div className="supervision-page">
      <h1 className="page-heading">{t('area.warnings')}</h1>
      <p className="page-intro">{t('supervision.warningsIntro')}</p>
      <div className="desk-toolbar">
        {supervisor && (
          <Select<string>
            allowClear
            className="supervision-filters__select"
            aria-label={t('supervision.department')}
            placeholder={t('supervision.allDepartments')}
            value={picked}
            onChange={setPicked}
            loading={departments.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(departments.data ?? []).map((d) => ({ value: d.code, label: bi(d.name) }))}
          />
        )}
        <ExportButton
          url={exportUrl({
            view: 'overdue',
            from: today,
            to: today,
            ...(department ? { department } : {}),
          })}
          fileName={`supervision-overdue-${today}.xlsx`}
        />
      </div>
      {list.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('supervision.loadFailed')}
          description={list.error.message}
        />
      ) : list.isPending ? (
        <Skeleton active aria-label={t('supervision.loading')} />
      ) : items.length === 0 ? (
        <Empty description={t('supervision.noOverdue')} />
      ) : (
        <>
          <p className="page-intro" aria-live="polite">
            {t('supervision.overdueSummary', { n: items.length, overdue })}
          </p>
          {phone ? (
            <ul className="supervision-overdue-list" aria-label={t('area.warnings')}>
              {items.map((item) => (
                <OverdueCard key={item.taskId ?? item.applicationId} item={item} />
              ))}
            </ul>
          ) : (
            <Table<OverdueItem>
              rowKey={(i) => i.taskId ?? i.applicationId}
              size="small"
              columns={columns}
              dataSource={items}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              // Wide enough for every column; narrower windows scroll the table, not the page.
              scroll={{ x: 960 }}
            />
          )}
        </>
      )}
    </div>
  );
}
