import './cases.css';
import { Tag } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ApplicationView, TaskView } from '@contracts/cases';
import { useT, type MessageKey } from '../../i18n';
import { taskStatusKey } from '../catalog';
import { useDateTime } from './format';

const APPLICATION_COLORS: Record<ApplicationView['status'], string> = {
  deficient: 'orange',
  accepted: 'processing',
  paused: 'gold',
  completed: 'success',
  rejected: 'error',
  refused: 'error',
  withdrawn: 'default',
};

/** The message key naming an application status. */
export function applicationStatusKey(status: ApplicationView['status']): MessageKey {
  return `appStatus.${status}`;
}

/** The status of an application as a coloured tag. */
export function ApplicationStatusTag({ status }: { status: ApplicationView['status'] }) {
  const t = useT();
  return <Tag color={APPLICATION_COLORS[status]}>{t(applicationStatusKey(status))}</Tag>;
}

const TASK_COLORS: Record<TaskView['status'], string> = {
  pending: 'default',
  open: 'processing',
  claimed: 'blue',
  supplement: 'orange',
  paused: 'gold',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
};

/** The status of a task as a coloured tag. */
export function TaskStatusTag({ status }: { status: TaskView['status'] }) {
  const t = useT();
  return <Tag color={TASK_COLORS[status]}>{t(taskStatusKey(status))}</Tag>;
}

/** 预警 / 超期 as a tag; nothing for normal. */
export function AlertTag({ alert }: { alert: TaskView['alert'] }) {
  const t = useT();
  if (alert === 'normal') return null;
  return alert === 'overdue' ? (
    <Tag color="error" icon={<ExclamationCircleOutlined aria-hidden />}>
      {t('alert.overdue')}
    </Tag>
  ) : (
    <Tag color="warning" icon={<WarningOutlined aria-hidden />}>
      {t('alert.warning')}
    </Tag>
  );
}

/** A due time coloured by its alert: orange close to the limit, red past it. */
export function DueTime({
  dueAt,
  alert,
  done = false,
  provisional = false,
}: {
  dueAt: string | null;
  alert: TaskView['alert'];
  done?: boolean;
  /** 预计: counted on a year whose holiday notice is not loaded yet. */
  provisional?: boolean;
}) {
  const t = useT();
  const dateTime = useDateTime();
  if (!dueAt) return <span className="due-time">—</span>;
  const tone = done ? 'done' : alert;
  return (
    <span className={`due-time due-time--${tone}`}>
      {done ? <CheckCircleOutlined aria-hidden /> : <ClockCircleOutlined aria-hidden />}{' '}
      <span className="visually-hidden">{t('due.label')}</span>
      {dateTime(dueAt)}
      {!done && provisional && (
        <span className="due-time__provisional" title={t('due.provisionalHint')}>
          {' '}
          ({t('due.provisional')})
        </span>
      )}
      {!done && alert !== 'normal' && (
        <span className="due-time__alert">
          {' '}
          · {t(alert === 'overdue' ? 'alert.overdue' : 'alert.warning')}
        </span>
      )}
    </span>
  );
}
