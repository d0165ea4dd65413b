import { Alert, Button, Card, Space } from 'antd';
import { Link } from 'react-router';
import type { CredentialView } from '@contracts/credentials';
import { useLanguage, useT } from '../../i18n';
import { CredentialStatusTag, useClaimLabel, useClaimValue, useDate } from './wallet-parts';

/**
 * One credential of the wallet: its type, issuer, status (with the reason of a revocation or
 * suspension), dates and claims as the server shows them (identity numbers masked), with
 * 出示二维码 and, when it has a paper form, 打印纸质件.
 */
export function CredentialCard({
  credential: c,
  onShowQr,
}: {
  credential: CredentialView;
  onShowQr: (c: CredentialView) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const label = useClaimLabel();
  const value = useClaimValue();
  const date = useDate();
  const name = c.name[language];
  return (
    <Card
      className={`wallet-card wallet-card--${c.status}`}
      role="article"
      aria-label={name}
      title={
        <span className="wallet-card__title">
          <span className="wallet-card__name">{name}</span>{' '}
          <CredentialStatusTag status={c.status} />
        </span>
      }
    >
      {c.status !== 'valid' && (
        <Alert
          className="wallet-card__status"
          type={c.status === 'revoked' ? 'error' : 'warning'}
          showIcon
          title={t(`wallet.status.${c.status}`)}
          description={
            c.statusReason ? t('wallet.statusReason', { reason: c.statusReason }) : undefined
          }
        />
      )}
      <dl className="wallet-card__facts">
        <dt>{t('wallet.issuer')}</dt>
        <dd>{c.issuer.name}</dd>
        <dt>{t('wallet.issuedAt')}</dt>
        <dd>{date(c.issuedAt)}</dd>
        <dt>{t('wallet.expiresAt')}</dt>
        <dd>{c.expiresAt ? date(c.expiresAt) : t('wallet.noExpiry')}</dd>
        {c.receiptNo && (
          <>
            <dt>{t('wallet.receiptNo')}</dt>
            <dd className="mono">
              {c.applicationId ? (
                <Link to={`/applications/${c.applicationId}`}>{c.receiptNo}</Link>
              ) : (
                c.receiptNo
              )}
            </dd>
          </>
        )}
      </dl>
      <dl className="wallet-card__facts wallet-card__claims">
        {Object.entries(c.claims).map(([claim, v]) => (
          <div key={claim} className="wallet-card__claim">
            <dt>{label(claim)}</dt>
            <dd>{value(v)}</dd>
          </div>
        ))}
      </dl>
      <Space wrap className="wallet-card__actions">
        <Button type="primary" disabled={c.status !== 'valid'} onClick={() => onShowQr(c)}>
          {t('wallet.showQr')}
        </Button>
        {c.paper && (
          <Button
            href={`/api/v1/me/credentials/${encodeURIComponent(c.id)}/paper.pdf`}
            target="_blank"
            rel="noopener"
          >
            {t('wallet.paper')}
          </Button>
        )}
      </Space>
      {c.status !== 'valid' && <p className="wallet-card__hint">{t('wallet.notValidHint')}</p>}
    </Card>
  );
}
