import './cases.css';
import { Timeline } from 'antd';
import type { TaskView } from '@contracts/cases';
import { useT } from '../../i18n';
import { StepGraph, useBi, useDepartmentName } from '../catalog';
import { useDateTime } from './format';
import { AlertTag, DueTime, TaskStatusTag } from './status-tags';

const DONE: readonly TaskView['status'][] = ['approved', 'rejected', 'cancelled'];

const COLORS: Record<TaskView['status'], string> = {
  pending: 'gray',
  open: 'blue',
  claimed: 'blue',
  supplement: 'orange',
  paused: 'orange',
  approved: 'green',
  rejected: 'red',
  cancelled: 'gray',
};

/** The tasks in the order of their steps: prerequisites first. */
function ordered(tasks: TaskView[]): TaskView[] {
  const depth = (t: TaskView, seen = new Set<string>()): number => {
    if (seen.has(t.step)) return 0;
    seen.add(t.step);
    const before = tasks.filter((x) => t.after.includes(x.step));
    return before.length === 0 ? 0 : 1 + Math.max(...before.map((b) => depth(b, seen)));
  };
  return [...tasks].sort((a, b) => depth(a) - depth(b));
}

/**
 * The steps of an application as a live timeline: each with its department, state, due
 * time (orange close to the limit, red past it) and decision; `highlight` marks one step
 * (the reviewer's own). Above it the same steps as a graph.
 */
export function TaskTimeline({ tasks, highlight }: { tasks: TaskView[]; highlight?: string }) {
  const t = useT();
  const bi = useBi();
  const departmentName = useDepartmentName();
  const dateTime = useDateTime();
  const list = ordered(tasks);
  return (
    <div className="task-timeline">
      {tasks.length > 1 && (
        <StepGraph
          label={t('timeline.graph')}
          steps={tasks.map((task) => ({
            id: task.step,
            name: task.name,
            department: task.department,
            after: task.after,
            status: task.status,
            alert: task.alert,
          }))}
        />
      )}
      <Timeline
        items={list.map((task) => ({
          key: task.id,
          color: COLORS[task.status],
          content: (
            <div
              className={`task-item${task.id === highlight ? ' task-item--mine' : ''}`}
              data-step={task.step}
            >
              <div className="task-item__head">
                <strong className="task-item__name">{bi(task.name)}</strong>
                <TaskStatusTag status={task.status} />
                {!DONE.includes(task.status) && <AlertTag alert={task.alert} />}
              </div>
              <div className="task-item__meta">
                <span>{departmentName(task.department)}</span>
                {task.status !== 'pending' && task.status !== 'cancelled' && (
                  <DueTime
                    dueAt={task.decidedAt ?? task.dueAt}
                    alert={task.alert}
                    provisional={task.dueProvisional}
                    done={DONE.includes(task.status)}
                  />
                )}
                {task.status === 'pending' && <span>{t('timeline.waitingFor')}</span>}
              </div>
              {task.comment && <p className="task-item__comment">{task.comment}</p>}
              {task.decidedAt && (
                <span className="visually-hidden">
                  {t('timeline.decidedAt', { at: dateTime(task.decidedAt) })}
                </span>
              )}
            </div>
          ),
        }))}
      />
    </div>
  );
}
