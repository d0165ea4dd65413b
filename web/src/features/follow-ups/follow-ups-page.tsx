import './follow-ups.css';
import { useState } from 'react';
import { Alert, App, Button, Empty, Input, Modal, Segmented, Skeleton, Tag } from 'antd';
import type { FollowUpItem } from '@contracts/follow-ups';
import { usePageTitle } from '../../app/use-page-title';
import { useT, type MessageKey } from '../../i18n';
import { useDepartmentName } from '../catalog';
import { DueTime, useDateTime } from '../cases/light';
import { useCloseFollowUp, useFollowUps, type FollowUpFilter } from './follow-ups-api';

const FILTERS: FollowUpFilter[] = ['active', 'raised', 'done'];
const MIN_OUTCOME = 2;

function CloseDialog({ item, onClose }: { item: FollowUpItem; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const close = useCloseFollowUp();
  const [outcome, setOutcome] = useState('');
  const [tried, setTried] = useState(false);
  const tooShort = outcome.trim().length < MIN_OUTCOME;

  function send() {
    setTried(true);
    if (tooShort) return;
    close.mutate(
      { id: item.id, outcome: outcome.trim() },
      {
        onSuccess: () => {
          void message.success(t('followUps.closed'));
          onClose();
        },
      },
    );
  }

  return (
    <Modal
      open
      title={t('followUps.closeTitle', { receiptNo: item.receiptNo })}
      okText={t('followUps.close')}
      cancelText={t('common.cancel')}
      onOk={send}
      onCancel={onClose}
      confirmLoading={close.isPending}
      destroyOnHidden
    >
      <p className="page-intro">{t('followUps.closeHint')}</p>
      <label className="follow-up-close__field">
        <span>{t('followUps.outcome')}</span>
        <Input.TextArea
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          maxLength={1000}
          autoSize={{ minRows: 3, maxRows: 8 }}
          status={tried && tooShort ? 'error' : undefined}
          aria-invalid={tried && tooShort}
          autoFocus
        />
      </label>
      {tried && tooShort && (
        <p className="follow-up-close__error" role="alert">
          {t('followUps.outcomeRequired')}
        </p>
      )}
      {close.error && <Alert type="error" showIcon role="alert" title={close.error.message} />}
    </Modal>
  );
}

function FollowUpCard({ item, onClose }: { item: FollowUpItem; onClose: () => void }) {
  const t = useT();
  const dateTime = useDateTime();
  const departmentName = useDepartmentName();
  const done = item.status === 'done';
  return (
    <li className={`desk-card follow-up${item.overdue ? ' follow-up--overdue' : ''}`}>
      <div className="follow-up__head">
        <Tag
          color={
            item.kind === 'escalation' ? 'volcano' : item.kind === 'commitment' ? 'gold' : 'blue'
          }
        >
          {t(`followUps.kind.${item.kind}` as MessageKey)}
        </Tag>
        {item.overdue && <Tag color="red">{t('followUps.overdue')}</Tag>}
        <span className="mono follow-up__receipt">{item.receiptNo}</span>
      </div>
      <p className="follow-up__title">{item.title}</p>
      <dl className="follow-up__facts">
        {item.department && (
          <>
            <dt>{t('followUps.department')}</dt>
            <dd>{departmentName(item.department)}</dd>
          </>
        )}
        <dt>{t('followUps.owner')}</dt>
        <dd>{item.ownerName ?? t('followUps.noOwner')}</dd>
        <dt>{t('followUps.due')}</dt>
        <dd>
          <DueTime
            dueAt={item.dueAt}
            alert={item.overdue ? 'overdue' : 'normal'}
            done={done}
            provisional={item.dueProvisional}
          />
        </dd>
        {item.material && (
          <>
            <dt>{t('followUps.why')}</dt>
            <dd>{t('followUps.material', { material: item.material })}</dd>
          </>
        )}
        {item.note && (
          <>
            <dt>{t('followUps.why')}</dt>
            <dd>{item.note}</dd>
          </>
        )}
        {done && (
          <>
            <dt>{t('followUps.outcome')}</dt>
            <dd>
              {item.outcome}
              {item.closedAt && (
                <span className="follow-up__closed">
                  {' '}
                  · {t('followUps.closedAt', { at: dateTime(item.closedAt) })}
                </span>
              )}
            </dd>
          </>
        )}
      </dl>
      {!done && (
        <Button type="primary" onClick={onClose}>
          {t('followUps.close')}
        </Button>
      )}
    </li>
  );
}

/**
 * 督办与回访: the follow-ups the account answers for — a lead's department, the supervision
 * office's whole county, a clerk's own 容缺 promises — soonest due first, overdue ones in
 * red; each closed here with its outcome, which a rating's applicant is told.
 */
export default function FollowUpsPage() {
  const t = useT();
  usePageTitle(t('area.followUps'));
  const [filter, setFilter] = useState<FollowUpFilter>('active');
  const [closing, setClosing] = useState<FollowUpItem>();
  const list = useFollowUps(filter);
  const items = list.data ?? [];
  return (
    <div className="follow-ups-page">
      <h1 className="page-heading">{t('area.followUps')}</h1>
      <p className="page-intro">{t('area.followUps.desc')}</p>
      <div className="desk-toolbar">
        <Segmented<FollowUpFilter>
          value={filter}
          onChange={setFilter}
          options={FILTERS.map((f) => ({ value: f, label: t(`followUps.filter.${f}`) }))}
        />
      </div>
      {list.isError && <Alert type="error" showIcon role="alert" title={list.error.message} />}
      {list.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('followUps.empty')} />
      ) : (
        <>
          <p className="page-intro" aria-live="polite">
            {t('followUps.summary', {
              n: items.length,
              overdue: items.filter((i) => i.overdue).length,
            })}
          </p>
          <ul className="follow-up-list">
            {items.map((item) => (
              <FollowUpCard key={item.id} item={item} onClose={() => setClosing(item)} />
            ))}
          </ul>
        </>
      )}
      {closing && <CloseDialog item={closing} onClose={() => setClosing(undefined)} />}
    </div>
  );
}
