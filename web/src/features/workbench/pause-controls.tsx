import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Radio } from 'antd';
import { PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { PAUSE_REASONS, type ApplicationView, type TaskView } from '@contracts/cases';
import { useT, type MessageKey } from '../../i18n';
import { useTaskPause, type PauseReason } from '../cases';

const reasonKey = (r: string) => `pause.reason.${r}` as MessageKey;

/**
 * 依法暂停计时: the statutory pauses of a step (expert review, testing, hearing …), which the
 * law leaves out of the time limit, and resuming the clock afterwards. A pause needs a reason.
 */
export function PauseControls({
  application,
  task,
}: {
  application: ApplicationView;
  task: TaskView;
}) {
  const t = useT();
  const { message } = App.useApp();
  const pause = useTaskPause(application.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<PauseReason | null>(null);
  const [comment, setComment] = useState('');

  if (task.status === 'paused') {
    return (
      <div className="pause-controls">
        <Alert
          type="info"
          showIcon
          title={t('pause.pausedFor', {
            reason: task.pauseReason ? t(reasonKey(task.pauseReason)) : '—',
          })}
        />
        <Button
          icon={<PlayCircleOutlined aria-hidden />}
          loading={pause.isPending}
          onClick={() =>
            pause.mutate(
              { task: task.id, action: 'resume' },
              {
                onSuccess: () => void message.success(t('pause.resumed')),
                onError: (e) => void message.error(e.message),
              },
            )
          }
        >
          {t('pause.resume')}
        </Button>
      </div>
    );
  }
  if (task.status !== 'open' && task.status !== 'claimed') return null;
  return (
    <div className="pause-controls">
      <Button
        icon={<PauseCircleOutlined aria-hidden />}
        onClick={() => {
          pause.reset();
          setReason(null);
          setComment('');
          setOpen(true);
        }}
      >
        {t('pause.button')}
      </Button>
      <Modal
        open={open}
        title={t('pause.title')}
        okText={t('pause.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: reason === null, loading: pause.isPending }}
        onOk={() => {
          if (!reason) return;
          pause.mutate(
            { task: task.id, action: 'pause', reason, comment: comment.trim() },
            {
              onSuccess: () => {
                setOpen(false);
                void message.success(t('pause.paused'));
              },
            },
          );
        }}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <p>{t('pause.hint')}</p>
        <Radio.Group
          className="pause-controls__reasons"
          value={reason}
          onChange={(e) => setReason(e.target.value as PauseReason)}
          options={PAUSE_REASONS.map((r) => ({ value: r, label: t(reasonKey(r)) }))}
        />
        <label className="stacked-field">
          <span>{t('decision.comment')}</span>
          <Input.TextArea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 4 }}
          />
        </label>
        {pause.error && <Alert type="error" showIcon role="alert" title={pause.error.message} />}
      </Modal>
    </div>
  );
}
