import './wallet.css';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Radio, Result, Skeleton, Space, Tag } from 'antd';
import type {
  CredentialView,
  PresentationRequest,
  VerificationResult,
} from '@contracts/credentials';
import { usePageTitle } from '../../app/use-page-title';
import { useLanguage, useT } from '../../i18n';
import { useDateTime } from '../cases/light';
import {
  isRegistryType,
  useAnswerRequest,
  useCredentials,
  useErrorText,
  usePresentationRequest,
} from './wallet-api';
import { RegistryButtons, useClaimLabel } from './wallet-parts';

/** The outcome of answering: 验证通过, or the first failed check in words. */
function Outcome({ result, verifier }: { result: VerificationResult; verifier: string }) {
  const t = useT();
  const language = useLanguage();
  const navigate = useNavigate();
  const back = (
    <Button key="back" onClick={() => void navigate('/wallet')}>
      {t('wallet.present.backToWallet')}
    </Button>
  );
  if (result.valid)
    return (
      <Result
        status="success"
        title={t('wallet.present.passed')}
        subTitle={t('wallet.present.passedHint', { verifier })}
        extra={[back]}
      />
    );
  const failed = result.checks.find((c) => c.check === result.failedCheck);
  return (
    <Result
      status="error"
      title={t('wallet.present.failed')}
      subTitle={
        <>
          {result.failedCheck &&
            t('wallet.present.failedCheck', { check: t(`wallet.check.${result.failedCheck}`) })}
          {failed?.detail && <p>{failed.detail[language]}</p>}
        </>
      }
      extra={[back]}
    />
  );
}

/** Who asks, why and for what, with the credentials that fit and 同意并出示 / 拒绝. */
function RequestConsent({
  request,
  credentials,
  answer,
}: {
  request: PresentationRequest;
  credentials: CredentialView[];
  answer: ReturnType<typeof useAnswerRequest>;
}) {
  const t = useT();
  const language = useLanguage();
  const dateTime = useDateTime();
  const label = useClaimLabel();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const matching = credentials.filter(
    (c) => c.status === 'valid' && request.types.includes(c.type),
  );
  const [chosenId, setChosenId] = useState<string | null>(null);
  const chosen = matching.find((c) => c.id === chosenId) ?? matching[0];
  const sep = language === 'zh' ? '、' : ', ';
  const typeName = (type: string): string =>
    credentials.find((c) => c.type === type)?.name[language] ??
    (isRegistryType(type) ? t(`wallet.type.${type}`) : type);

  return (
    <Card>
      <dl className="present-page__facts">
        <dt>{t('wallet.present.who')}</dt>
        <dd>
          <strong>{request.verifier}</strong>
        </dd>
        <dt>{t('wallet.present.why')}</dt>
        <dd>{request.purpose[language]}</dd>
        <dt>{t('wallet.present.what')}</dt>
        <dd>
          <ul className="present-page__claims" aria-label={t('wallet.present.what')}>
            {request.claims.map((c) => (
              <li key={c}>
                {label(c)} <Tag>{t('wallet.present.required')}</Tag>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('wallet.present.types')}</dt>
        <dd>{request.types.map(typeName).join(sep)}</dd>
        <dt>{t('wallet.present.expiresAt')}</dt>
        <dd>{dateTime(request.expiresAt)}</dd>
        {matching.length > 0 && (
          <>
            <dt>{t('wallet.present.from')}</dt>
            <dd>
              {matching.length === 1 ? (
                `${matching[0]?.name[language]} · ${matching[0]?.issuer.name}`
              ) : (
                <Radio.Group
                  value={chosen?.id}
                  onChange={(e) => setChosenId(e.target.value as string)}
                  options={matching.map((c) => ({
                    value: c.id,
                    label: `${c.name[language]} · ${c.issuer.name}`,
                  }))}
                />
              )}
            </dd>
          </>
        )}
      </dl>
      {matching.length === 0 && (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('wallet.present.noMatch')}
            description={t('wallet.present.noMatchHint', {
              types: request.types.map(typeName).join(sep),
            })}
          />
          <div className="present-page__actions">
            <RegistryButtons types={request.types.filter(isRegistryType)} />
          </div>
        </>
      )}
      {answer.error && (
        <Alert
          className="present-page__actions"
          type="error"
          role="alert"
          showIcon
          title={errorText(answer.error)}
        />
      )}
      <Space wrap className="present-page__actions">
        <Button
          type="primary"
          disabled={!chosen}
          loading={answer.isPending}
          onClick={() => chosen && answer.mutate(chosen)}
        >
          {t('wallet.present.consent')}
        </Button>
        <Button disabled={answer.isPending} onClick={() => void navigate('/wallet')}>
          {t('wallet.present.decline')}
        </Button>
      </Space>
    </Card>
  );
}

/**
 * 出示电子证照 (/wallet/present?request=<id>): the page a verifier's QR code opens on the
 * holder's phone. Expired and answered requests say so; otherwise the holder consents or not.
 */
export default function PresentPage() {
  const t = useT();
  usePageTitle(t('wallet.present.title'));
  const [search] = useSearchParams();
  const id = search.get('request') ?? '';
  const request = usePresentationRequest(id);
  const credentials = useCredentials();
  const [now, setNow] = useState(() => Date.now());
  // The request lives 5 minutes: the page says so when it runs out while the holder reads it.
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(tick);
  }, []);
  const answer = useAnswerRequest(request.data);

  let body;
  if (!id)
    body = (
      <Result
        status="warning"
        title={t('wallet.present.noRequest')}
        subTitle={t('wallet.present.noRequestHint')}
      />
    );
  else if (answer.data && request.data)
    body = <Outcome result={answer.data} verifier={request.data.verifier} />;
  else if (request.isPending || credentials.isPending) body = <Skeleton active />;
  else if (request.error)
    body = (
      <Result
        status="warning"
        title={t('wallet.present.loadFailed')}
        subTitle={request.error.message}
      />
    );
  else if (credentials.error)
    body = (
      <Alert
        type="error"
        role="alert"
        showIcon
        title={t('wallet.loadFailed', { message: credentials.error.message })}
      />
    );
  else if (request.data.state === 'answered')
    body = (
      <Result
        status="info"
        title={t('wallet.present.answered')}
        subTitle={t('wallet.present.answeredHint')}
      />
    );
  else if (request.data.state === 'expired' || Date.parse(request.data.expiresAt) <= now)
    body = (
      <Result
        status="warning"
        title={t('wallet.present.expired')}
        subTitle={t('wallet.present.expiredHint')}
      />
    );
  else
    body = <RequestConsent request={request.data} credentials={credentials.data} answer={answer} />;

  return (
    <div className="present-page">
      <h1 className="page-heading">{t('wallet.present.title')}</h1>
      {body}
    </div>
  );
}
