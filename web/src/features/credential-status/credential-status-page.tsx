import './credential-status.css';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Input, Modal, Skeleton, Space, Tag } from 'antd';
import type { DepartmentCredential } from '@contracts/credentials';
import { usePageTitle } from '../../app/use-page-title';
import { useT } from '../../i18n';
import { useBi } from '../catalog';
import { useDateTime } from '../cases/light';
import {
  useChangeStatus,
  useDepartmentCredentials,
  type StatusChange,
} from './credential-status-api';

type Status = DepartmentCredential['status'];
/** What a button does: the status it sets. */
type Action = 'suspend' | 'reinstate' | 'revoke';

const STATUS_COLOR: Record<Status, string> = {
  valid: 'green',
  revoked: 'red',
  suspended: 'orange',
};
const TARGET: Record<Action, Status> = {
  suspend: 'suspended',
  reinstate: 'valid',
  revoke: 'revoked',
};
/** The actions a credential offers in each status; a revoked one offers none (final). */
const ACTIONS: Record<Status, Action[]> = {
  valid: ['suspend', 'revoke'],
  suspended: ['reinstate', 'revoke'],
  revoked: [],
};
/** The server's minimum (CredentialStatusChangeSchema). */
const MIN_REASON = 2;

/** The dialog of one status change: the reason (required), and the warning that revoking is final. */
function ReasonDialog({
  credential,
  action,
  onClose,
}: {
  credential: DepartmentCredential;
  action: Action;
  onClose: () => void;
}) {
  const t = useT();
  const bi = useBi();
  const { message } = App.useApp();
  const change = useChangeStatus();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const valid = reason.trim().length >= MIN_REASON;

  function confirm() {
    setTouched(true);
    if (!valid) return;
    const body: StatusChange = { id: credential.id, status: TARGET[action], reason: reason.trim() };
    change.mutate(body, {
      onSuccess: () => {
        void message.success(t(`credentialStatus.done.${body.status}`));
        onClose();
      },
    });
  }

  return (
    <Modal
      open
      title={t(`credentialStatus.${action}Title`, { name: bi(credential.name) })}
      okText={t(`credentialStatus.${action}Confirm`)}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: action === 'revoke', loading: change.isPending }}
      onOk={confirm}
      onCancel={onClose}
      destroyOnHidden
    >
      {action === 'revoke' && (
        <Alert
          className="credential-status-dialog__warning"
          type="warning"
          showIcon
          title={t('credentialStatus.revokeWarning')}
        />
      )}
      <label className="stacked-field">
        <span>{t('credentialStatus.reasonLabel')}</span>
        <Input.TextArea
          autoFocus
          value={reason}
          status={touched && !valid ? 'error' : undefined}
          aria-invalid={touched && !valid}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          autoSize={{ minRows: 2, maxRows: 6 }}
        />
      </label>
      {touched && !valid && (
        <p className="credential-status-dialog__error" role="alert">
          {t('credentialStatus.reasonShort')}
        </p>
      )}
      {change.error && <Alert type="error" showIcon role="alert" title={change.error.message} />}
    </Modal>
  );
}

function CredentialCard({
  credential: c,
  onAction,
}: {
  credential: DepartmentCredential;
  onAction: (action: Action) => void;
}) {
  const t = useT();
  const bi = useBi();
  const dateTime = useDateTime();
  const name = bi(c.name);
  return (
    <Card
      className="credential-status-card"
      role="article"
      aria-label={name}
      title={
        <span className="credential-status-card__title">
          <span className="credential-status-card__name">{name}</span>{' '}
          <Tag color={STATUS_COLOR[c.status]}>{t(`wallet.status.${c.status}`)}</Tag>
        </span>
      }
    >
      <dl className="credential-status-card__facts">
        <dt>{t('credentialStatus.holder')}</dt>
        <dd>{c.holder.name ?? '—'}</dd>
        <dt>{t('credentialStatus.holderNumber')}</dt>
        <dd className="mono">{c.holder.number ?? '—'}</dd>
        <dt>{t('credentialStatus.issuedAt')}</dt>
        <dd>{dateTime(c.issuedAt)}</dd>
        <dt>{t('credentialStatus.expiresAt')}</dt>
        <dd>{c.expiresAt ? dateTime(c.expiresAt) : t('credentialStatus.noExpiry')}</dd>
        {c.statusReason && (
          <>
            <dt>{t('credentialStatus.reason')}</dt>
            <dd>{c.statusReason}</dd>
          </>
        )}
      </dl>
      {c.status === 'revoked' ? (
        <p className="credential-status-card__final">{t('credentialStatus.final')}</p>
      ) : (
        <Space wrap>
          {ACTIONS[c.status].map((action) => (
            <Button key={action} danger={action === 'revoke'} onClick={() => onAction(action)}>
              {t(`credentialStatus.${action}`)}
            </Button>
          ))}
        </Space>
      )}
    </Card>
  );
}

/**
 * 电子证照管理: a department's reviewer finds the credentials it issued for an application by
 * its receipt number (kept in the address, `?receiptNo=`), and suspends, reinstates or revokes
 * one with a reason the holder sees; revoking is final.
 */
export default function CredentialStatusPage() {
  const t = useT();
  usePageTitle(t('credentialStatus.title'));
  const [params, setParams] = useSearchParams();
  const receiptNo = (params.get('receiptNo') ?? '').trim();
  const [typed, setTyped] = useState(receiptNo);
  const found = useDepartmentCredentials(receiptNo);
  const [dialog, setDialog] = useState<{ credential: DepartmentCredential; action: Action }>();

  return (
    <div className="credential-status-page">
      <h1 className="page-heading">{t('credentialStatus.title')}</h1>
      <p className="page-intro">{t('credentialStatus.intro')}</p>
      <form
        role="search"
        className="credential-status-search"
        onSubmit={(e) => {
          e.preventDefault();
          const next = typed.trim();
          setParams(next ? { receiptNo: next } : {});
        }}
      >
        <div className="stacked-field">
          <label htmlFor="credential-status-receipt">{t('credentialStatus.receiptNo')}</label>
          <Space.Compact className="credential-status-search__row">
            <Input
              id="credential-status-receipt"
              value={typed}
              placeholder={t('credentialStatus.searchHint')}
              onChange={(e) => setTyped(e.target.value)}
              maxLength={40}
              allowClear
            />
            <Button type="primary" htmlType="submit">
              {t('credentialStatus.search')}
            </Button>
          </Space.Compact>
        </div>
      </form>
      {receiptNo !== '' &&
        (found.isError ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('credentialStatus.loadFailed')}
            description={found.error.message}
          />
        ) : found.isPending ? (
          <Skeleton active />
        ) : (
          <section aria-labelledby="credential-status-results">
            <h2 id="credential-status-results" className="credential-status-results">
              {t('credentialStatus.results', { receiptNo })}
            </h2>
            {found.data.length === 0 ? (
              <Empty description={t('credentialStatus.none')} />
            ) : (
              <ul className="credential-status-list">
                {found.data.map((c) => (
                  <li key={c.id}>
                    <CredentialCard
                      credential={c}
                      onAction={(action) => setDialog({ credential: c, action })}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      {dialog && (
        <ReasonDialog
          credential={dialog.credential}
          action={dialog.action}
          onClose={() => setDialog(undefined)}
        />
      )}
    </div>
  );
}
