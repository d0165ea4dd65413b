import './workbench.css';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Input, Segmented, Table, type TableColumnsType } from 'antd';
import type { TaskView } from '@contracts/cases';
import { usePageTitle } from '../../app/use-page-title';
import { useT } from '../../i18n';
import { useMe } from '../auth';
import { useBi } from '../catalog';
import { DueTime, TaskStatusTag, useDateTime, useTaskAction, useTaskQueue } from '../cases';
import { ShortcutHelp } from './shortcut-help';
import { useShortcuts } from './use-shortcuts';

type StatusFilter = 'todo' | 'open' | 'mine' | 'supplement' | 'done';
type AlertFilter = 'all' | 'warning' | 'overdue';

const STATUSES: Record<StatusFilter, readonly TaskView['status'][]> = {
  todo: ['open', 'claimed'],
  open: ['open'],
  mine: ['claimed'],
  supplement: ['supplement', 'paused'],
  done: ['approved', 'rejected'],
};

/** The path of a task's case view. */
export function casePath(task: Pick<TaskView, 'applicationId' | 'id'>): string {
  return `/tasks/${encodeURIComponent(task.applicationId)}/${encodeURIComponent(task.id)}`;
}

function ClaimButton({ task }: { task: TaskView }) {
  const t = useT();
  const { message } = App.useApp();
  const action = useTaskAction(task.applicationId);
  return (
    <Button
      size="small"
      onClick={(e) => {
        e.stopPropagation();
        action.mutate(
          { task: task.id, action: 'claim' },
          {
            onSuccess: () => void message.success(t('queue.claimed')),
            onError: (error) => void message.error(error.message),
          },
        );
      }}
      loading={action.isPending}
    >
      {t('queue.claim')}
    </Button>
  );
}

/**
 * 部门审批 · 待办: the department's tasks, soonest due first, tinted orange close to the
 * limit and red past it; filters by state and alert, search by receipt number; claim here
 * or open the case. Keys: j / k to move, Enter to open, c to claim.
 */
export default function QueuePage() {
  const t = useT();
  const bi = useBi();
  const me = useMe();
  const navigate = useNavigate();
  const dateTime = useDateTime();
  usePageTitle(t('area.tasks'));
  const [status, setStatus] = useState<StatusFilter>('todo');
  const [alert, setAlert] = useState<AlertFilter>('all');
  const [q, setQ] = useState('');
  const [cursor, setCursor] = useState(0);
  const queue = useTaskQueue(STATUSES[status]);
  const { message } = App.useApp();
  const claimer = useTaskAction('');

  const rows = useMemo(
    () =>
      (queue.data ?? [])
        .filter((task) => status !== 'mine' || task.assignee === me.id)
        .filter((task) => alert === 'all' || task.alert === alert)
        .filter((task) => !q.trim() || task.receiptNo.includes(q.trim().toUpperCase())),
    [queue.data, status, alert, q, me.id],
  );
  const at = Math.min(cursor, Math.max(0, rows.length - 1));
  const focused = rows[at];

  useShortcuts({
    j: () => setCursor(Math.min(at + 1, rows.length - 1)),
    ArrowDown: () => setCursor(Math.min(at + 1, rows.length - 1)),
    k: () => setCursor(Math.max(at - 1, 0)),
    ArrowUp: () => setCursor(Math.max(at - 1, 0)),
    Enter: () => focused && void navigate(casePath(focused)),
    o: () => focused && void navigate(casePath(focused)),
    c: () => {
      if (focused?.status !== 'open') return;
      claimer.mutate(
        { task: focused.id, action: 'claim' },
        {
          onSuccess: () => void message.success(t('queue.claimed')),
          onError: (error) => void message.error(error.message),
        },
      );
    },
  });

  const columns: TableColumnsType<TaskView> = [
    {
      key: 'receipt',
      title: t('queue.receiptNo'),
      dataIndex: 'receiptNo',
      render: (no: string) => <span className="mono">{no}</span>,
    },
    { key: 'step', title: t('queue.step'), render: (_, task) => bi(task.name) },
    {
      key: 'status',
      title: t('queue.status'),
      render: (_, task) => <TaskStatusTag status={task.status} />,
    },
    {
      key: 'due',
      title: t('queue.due'),
      render: (_, task) => (
        <DueTime
          dueAt={task.decidedAt ?? task.dueAt}
          alert={task.alert}
          provisional={task.dueProvisional}
          done={task.status === 'approved' || task.status === 'rejected'}
        />
      ),
    },
    {
      key: 'opened',
      title: t('queue.opened'),
      responsive: ['md'],
      render: (_, task) => dateTime(task.openedAt),
    },
    {
      key: 'actions',
      title: t('queue.actions'),
      render: (_, task) => (
        <span className="queue-actions">
          {task.status === 'open' && <ClaimButton task={task} />}
          <Button
            size="small"
            type="primary"
            onClick={() => void navigate(casePath(task))}
            aria-label={t('queue.openOf', { no: task.receiptNo, step: bi(task.name) })}
          >
            {t('queue.open')}
          </Button>
        </span>
      ),
    },
  ];

  return (
    <div className="queue-page">
      <header className="queue-page__header">
        <h1 className="page-heading">{t('area.tasks')}</h1>
        <ShortcutHelp
          items={[
            ['J / K', t('keys.move')],
            ['Enter', t('keys.open')],
            ['C', t('keys.claim')],
          ]}
        />
      </header>
      <div className="desk-toolbar">
        <Segmented<StatusFilter>
          aria-label={t('queue.statusFilter')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setCursor(0);
          }}
          options={(Object.keys(STATUSES) as StatusFilter[]).map((s) => ({
            value: s,
            label: t(`queue.filter.${s}`),
          }))}
        />
        <Segmented<AlertFilter>
          aria-label={t('queue.alertFilter')}
          value={alert}
          onChange={(v) => setAlert(v)}
          options={[
            { value: 'all', label: t('find.all') },
            { value: 'warning', label: t('alert.warning') },
            { value: 'overdue', label: t('alert.overdue') },
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
      {queue.isError && <Alert type="error" showIcon role="alert" title={queue.error.message} />}
      <Table<TaskView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={queue.isPending}
        pagination={rows.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('queue.empty') }}
        rowClassName={(task, index) =>
          `queue-row queue-row--${task.alert}${index === at ? ' queue-row--cursor' : ''}`
        }
        onRow={(task, index) => ({
          onClick: () => {
            setCursor(index ?? 0);
          },
          onDoubleClick: () => void navigate(casePath(task)),
        })}
        className="queue-table"
      />
    </div>
  );
}
