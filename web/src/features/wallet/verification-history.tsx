import { Alert, Card, Empty, Skeleton, Tag } from 'antd';
import { useLanguage, useT } from '../../i18n';
import { useDateTime } from '../cases/light';
import { useHolderVerifications } from './wallet-api';
import { useClaimLabel } from './wallet-parts';

/** 核验记录: every verification of my credentials — when, who, why and which claims. */
export function VerificationHistory() {
  const t = useT();
  const language = useLanguage();
  const dateTime = useDateTime();
  const label = useClaimLabel();
  const history = useHolderVerifications();
  const sep = language === 'zh' ? '、' : ', ';
  return (
    <section
      className="wallet-history"
      aria-labelledby="wallet-history-title"
      data-testid="verification-history"
    >
      <h2 id="wallet-history-title">{t('wallet.history.title')}</h2>
      <p className="wallet-page__intro">{t('wallet.history.intro')}</p>
      {history.isPending && <Skeleton active />}
      {history.error && <Alert type="error" role="alert" showIcon title={history.error.message} />}
      {history.data && history.data.length === 0 && (
        <Empty description={t('wallet.history.empty')} />
      )}
      {history.data && history.data.length > 0 && (
        <ul className="wallet-history__list">
          {history.data.map((v) => (
            <li key={v.id}>
              <Card size="small" className="wallet-history__item">
                <div className="wallet-history__head">
                  <time dateTime={v.at}>{dateTime(v.at)}</time>
                  <Tag color={v.valid ? 'green' : 'red'}>
                    {t(v.valid ? 'wallet.history.valid' : 'wallet.history.invalid')}
                  </Tag>
                  <Tag>{t(`wallet.mode.${v.mode}`)}</Tag>
                </div>
                <p className="wallet-history__name">{v.credentialName[language]}</p>
                <p>{t('wallet.history.by', { who: v.verifier })}</p>
                {v.purpose && (
                  <p>{t('wallet.history.purpose', { purpose: v.purpose[language] })}</p>
                )}
                <p>
                  {v.claims.length > 0
                    ? t('wallet.history.claims', { claims: v.claims.map(label).join(sep) })
                    : t('wallet.history.noClaims')}
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
