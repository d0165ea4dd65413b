import { useState, type KeyboardEvent } from 'react';
import { Alert, App, Button, Checkbox, Input, Modal } from 'antd';
import { CheckOutlined, CloseOutlined, FileSearchOutlined, LockOutlined } from '@ant-design/icons';
import type { ApplicationView, Decision, TaskView } from '@contracts/cases';
import { useT } from '../../i18n';
import { useMe } from '../auth';
import { useBi, type Guide } from '../catalog';
import { TaskStatusTag, useDateTime, useTaskAction } from '../cases';
import { PauseControls } from './pause-controls';
import { ShortcutHelp } from './shortcut-help';
import { useShortcuts } from './use-shortcuts';

type Dialog = 'approve' | 'reject' | 'supplement' | null;

const RUNNING: readonly TaskView['status'][] = ['open', 'claimed'];

/** The claims this step's outputs carry (licence numbers …), for the approval form. */
function outputClaims(guide: Guide | undefined, task: TaskView): string[] {
  if (!guide) return [];
  const outputs = guide.outputs.filter((o) => (o.step ?? guide.steps[0]?.id) === task.step);
  return [...new Set(outputs.flatMap((o) => o.claims))];
}

/**
 * The decision of one task: claim it, approve it with its outputs (numbers left empty are
 * generated), reject it with a reason, or request a supplement listing the materials and why.
 * Keys: c claim, a approve, r reject, s supplement; Ctrl+Enter confirms a dialog.
 */
export function DecisionPanel({
  application,
  task,
  guide,
  onDecided,
}: {
  application: ApplicationView;
  task: TaskView;
  guide: Guide | undefined;
  onDecided: () => void;
}) {
  const t = useT();
  const bi = useBi();
  const me = useMe();
  const dateTime = useDateTime();
  const { message } = App.useApp();
  const action = useTaskAction(application.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [outputs, setOutputs] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [items, setItems] = useState<Record<string, string>>({});
  const running = RUNNING.includes(task.status);
  const claims = outputClaims(guide, task);

  function open(next: Dialog) {
    if (!running) return;
    action.reset();
    setDialog(next);
  }

  function claim() {
    if (task.status !== 'open') return;
    action.mutate(
      { task: task.id, action: 'claim' },
      {
        onSuccess: () => void message.success(t('queue.claimed')),
        onError: (e) => void message.error(e.message),
      },
    );
  }

  useShortcuts({
    c: claim,
    a: () => open('approve'),
    r: () => open('reject'),
    s: () => open('supplement'),
  });

  function decide() {
    let decision: Decision;
    if (dialog === 'approve') {
      const given = Object.fromEntries(
        Object.entries(outputs)
          .filter(([, v]) => v.trim() !== '')
          .map(([k, v]) => [k, v.trim()]),
      );
      decision = {
        decision: 'approve',
        ...(Object.keys(given).length > 0 ? { outputs: given } : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      };
    } else if (dialog === 'reject') {
      if (comment.trim().length === 0) return;
      decision = { decision: 'reject', comment: comment.trim() };
    } else if (dialog === 'supplement') {
      const list = Object.entries(items).map(([material, reason]) => ({
        material,
        reason: reason.trim(),
      }));
      if (list.length === 0 || list.some((i) => !i.reason)) return;
      decision = {
        decision: 'request-supplement',
        items: list,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      };
    } else return;
    action.mutate(
      { task: task.id, action: 'decide', decision },
      {
        onSuccess: () => {
          setDialog(null);
          void message.success(t(`decision.done.${decision.decision}`));
          onDecided();
        },
      },
    );
  }

  const confirmKeys = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      decide();
    }
  };
  const valid =
    dialog === 'approve' ||
    (dialog === 'reject' && comment.trim().length > 0) ||
    (dialog === 'supplement' &&
      Object.keys(items).length > 0 &&
      Object.values(items).every((r) => r.trim().length > 0));
  const claimedByOther = task.status === 'claimed' && task.assignee !== me.id;

  return (
    // Ctrl+Enter is caught here: key events bubble from the dialog (a portal) through React's
    // tree, so the key confirms wherever the focus is in the dialog, even on its frame.
    <aside
      className="decision-panel desk-card"
      aria-labelledby="decision-title"
      onKeyDown={dialog ? confirmKeys : undefined}
    >
      <div className="decision-panel__head">
        <h2 id="decision-title" className="section-title">
          {t('decision.title')}
        </h2>
        <ShortcutHelp
          items={[
            ['C', t('keys.claim')],
            ['A', t('keys.approve')],
            ['R', t('keys.reject')],
            ['S', t('keys.supplement')],
            ['Ctrl+Enter', t('keys.confirm')],
          ]}
        />
      </div>
      <p>
        <TaskStatusTag status={task.status} />
        {task.decidedAt && t('decision.decidedAt', { at: dateTime(task.decidedAt) })}
      </p>
      {claimedByOther && <Alert type="info" showIcon title={t('decision.claimedByOther')} />}
      {task.status === 'supplement' && (
        <Alert type="warning" showIcon title={t('decision.waitingSupplement')} />
      )}
      {task.status === 'pending' && <Alert type="info" showIcon title={t('decision.pending')} />}
      {task.comment && !running && <p className="task-item__comment">{task.comment}</p>}
      {task.outputs && (
        <ul className="plain-list">
          {Object.entries(task.outputs).map(([k, v]) => (
            <li key={k}>{t('common.pair', { label: k, value: String(v) })}</li>
          ))}
        </ul>
      )}
      {running && (
        <div className="decision-panel__buttons">
          {task.status === 'open' && (
            <Button
              icon={<LockOutlined aria-hidden />}
              onClick={claim}
              loading={action.isPending && !dialog}
            >
              {t('decision.claim')} <kbd>C</kbd>
            </Button>
          )}
          <Button
            type="primary"
            icon={<CheckOutlined aria-hidden />}
            onClick={() => open('approve')}
          >
            {t('decision.approve')} <kbd>A</kbd>
          </Button>
          <Button icon={<FileSearchOutlined aria-hidden />} onClick={() => open('supplement')}>
            {t('decision.supplement')} <kbd>S</kbd>
          </Button>
          <Button danger icon={<CloseOutlined aria-hidden />} onClick={() => open('reject')}>
            {t('decision.reject')} <kbd>R</kbd>
          </Button>
        </div>
      )}
      <PauseControls application={application} task={task} />

      <Modal
        open={dialog !== null}
        title={dialog ? t(`decision.${dialog}Title`) : ''}
        okText={dialog ? t(`decision.${dialog}Confirm`) : ''}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !valid, danger: dialog === 'reject', loading: action.isPending }}
        onOk={decide}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <div className="decision-dialog">
          <p className="decision-dialog__what">
            {bi(task.name)} · {application.receiptNo}
          </p>
          {dialog === 'approve' &&
            claims.map((claim, i) => (
              <label key={claim} className="stacked-field">
                <span>{claim}</span>
                <Input
                  autoFocus={i === 0}
                  value={outputs[claim] ?? ''}
                  placeholder={t('decision.generated')}
                  onChange={(e) => setOutputs((o) => ({ ...o, [claim]: e.target.value }))}
                />
              </label>
            ))}
          {dialog === 'supplement' && (
            <fieldset className="decision-dialog__items">
              <legend>{t('decision.supplementItems')}</legend>
              {application.materials.map((m) => (
                <div key={m.material} className="decision-dialog__item">
                  <Checkbox
                    checked={m.material in items}
                    onChange={(e) =>
                      setItems((s) => {
                        const next = { ...s };
                        if (e.target.checked) next[m.material] = '';
                        else delete next[m.material];
                        return next;
                      })
                    }
                  >
                    {bi(m.name)}
                  </Checkbox>
                  {m.material in items && (
                    <Input
                      aria-label={t('decision.itemReason', { material: bi(m.name) })}
                      placeholder={t('decision.itemReasonHint')}
                      value={items[m.material]}
                      onChange={(e) => setItems((s) => ({ ...s, [m.material]: e.target.value }))}
                      maxLength={500}
                    />
                  )}
                </div>
              ))}
            </fieldset>
          )}
          <label className="stacked-field">
            <span>{t(dialog === 'reject' ? 'decision.rejectReason' : 'decision.comment')}</span>
            <Input.TextArea
              autoFocus={dialog === 'reject' || (dialog === 'approve' && claims.length === 0)}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              maxLength={2000}
              autoSize={{ minRows: 2, maxRows: 6 }}
            />
          </label>
          {action.error && (
            <Alert type="error" showIcon role="alert" title={action.error.message} />
          )}
        </div>
      </Modal>
    </aside>
  );
}
