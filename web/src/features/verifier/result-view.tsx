import { Alert, Collapse, Descriptions, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { VerificationCheckName, VerificationResult } from '@contracts/credentials';
import { claimLabel } from '@contracts/credential-claims';
import { useLanguage, useT, type MessageKey } from '../../i18n';
import { useBi } from '../catalog';
import { useDateTime } from '../cases/light';
import { CREDENTIAL_TYPES } from './credential-types';

/** The message key of a check's name in words. */
export const checkKey = (check: VerificationCheckName): MessageKey =>
  `verifier.check.${check}` as MessageKey;

const DATES = {
  zh: new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }),
};

/** Whole minutes from `from` to `to` (never negative). */
export function minutesBetween(from: string, to: string | Date): number {
  const end = typeof to === 'string' ? Date.parse(to) : to.getTime();
  return Math.max(0, Math.floor((end - Date.parse(from)) / 60_000));
}

/** A disclosed value as text: yes/no for booleans, lists joined, objects as JSON. */
function useValueText(): (value: unknown) => string {
  const t = useT();
  const language = useLanguage();
  const text = (value: unknown): string => {
    if (typeof value === 'boolean') return t(value ? 'verifier.result.yes' : 'verifier.result.no');
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    if (Array.isArray(value)) return value.map(text).join(language === 'zh' ? '、' : ', ');
    if (value === null || value === undefined) return '—';
    return JSON.stringify(value);
  };
  return text;
}

/** How old the status data of a result is, in words. */
export function StatusAge({ result, now }: { result: VerificationResult; now?: Date }) {
  const t = useT();
  if (!result.statusCheckedAt) return <span>{t('verifier.result.noStatus')}</span>;
  const n = minutesBetween(result.statusCheckedAt, now ?? result.verifiedAt);
  return (
    <span data-testid="status-age">
      {n === 0 ? t('verifier.result.statusJustNow') : t('verifier.result.statusAge', { n })}
    </span>
  );
}

/**
 * The verdict of a verification: 验证通过 / 验证未通过 as a heading, the failed check in words,
 * the credential and its issuer, only the disclosed claims, how old the status data is and
 * every check made (collapsed). `offline` says it was verified in the browser.
 */
export function ResultView({
  result,
  offline = false,
  claimOrder,
}: {
  result: VerificationResult;
  offline?: boolean;
  /** The claims in the order to show them (a request's). */
  claimOrder?: string[];
}) {
  const t = useT();
  const bi = useBi();
  const language = useLanguage();
  const dateTime = useDateTime();
  const valueText = useValueText();
  const day = (iso: string | null) => {
    const date = iso ? new Date(iso) : null;
    return date && !Number.isNaN(date.getTime()) ? DATES[language].format(date) : '—';
  };
  const failed = result.checks.find((c) => !c.passed);
  const colon = language === 'zh' ? '：' : ': ';
  const aside = (text: string) => (language === 'zh' ? `（${text}）` : ` (${text})`);
  // In the order the request asked, else the catalog's order of the type's claims.
  const order = claimOrder ?? CREDENTIAL_TYPES.get(result.credential?.type ?? '')?.claims ?? [];
  const rank = (name: string) => {
    const at = order.indexOf(name);
    return at < 0 ? order.length : at;
  };
  const disclosed = Object.entries(result.disclosed).sort(([a], [b]) => rank(a) - rank(b));
  return (
    <section
      className={`verifier-result ${result.valid ? 'verifier-result--valid' : 'verifier-result--invalid'}`}
      aria-live="polite"
      data-testid="verification-result"
    >
      <div className="verifier-result__verdict">
        {result.valid ? (
          <CheckCircleFilled className="verifier-result__icon" aria-hidden />
        ) : (
          <CloseCircleFilled className="verifier-result__icon" aria-hidden />
        )}
        <div>
          <Typography.Title level={2} className="verifier-result__heading">
            {t(result.valid ? 'verifier.result.valid' : 'verifier.result.invalid')}
          </Typography.Title>
          {!result.valid && result.failedCheck && (
            <p className="verifier-result__failed" data-testid="failed-check">
              {t('verifier.result.failedCheck', { check: t(checkKey(result.failedCheck)) })}
              {failed?.detail ? `${colon}${bi(failed.detail)}` : ''}
            </p>
          )}
        </div>
      </div>
      {offline && (
        <Alert
          type="warning"
          showIcon
          className="verifier-result__offline"
          title={t('verifier.result.offline')}
          description={
            <>
              {t('verifier.result.offlineHint')}
              <br />
              <strong>
                <StatusAge result={result} />
              </strong>
            </>
          }
        />
      )}
      {result.credential && (
        <Descriptions
          size="small"
          column={1}
          className="verifier-result__credential"
          items={[
            {
              key: 'type',
              label: t('verifier.result.credential'),
              children: bi(result.credential.name),
            },
            {
              key: 'issuer',
              label: t('verifier.result.issuer'),
              children: result.credential.issuer.name,
            },
            {
              key: 'issued',
              label: t('verifier.result.issuedAt'),
              children: day(result.credential.issuedAt),
            },
            ...(result.credential.expiresAt
              ? [
                  {
                    key: 'expires',
                    label: t('verifier.result.expiresAt'),
                    children: day(result.credential.expiresAt),
                  },
                ]
              : []),
          ]}
        />
      )}
      {result.valid && (
        <>
          <Typography.Title level={3} className="verifier-result__subheading">
            {t('verifier.result.disclosed')}
          </Typography.Title>
          <ul
            className="verifier-result__claims"
            data-testid="disclosed-claims"
            aria-label={t('verifier.result.disclosed')}
          >
            {disclosed.length === 0 && <li>{t('verifier.result.nothingDisclosed')}</li>}
            {disclosed.map(([name, value]) => (
              <li key={name}>
                <span className="verifier-result__label">{claimLabel(name, language)}</span>
                <strong className="verifier-result__value">{valueText(value)}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="verifier-result__meta">
        {!offline && (
          <>
            <StatusAge result={result} />
            {' · '}
          </>
        )}
        {t('verifier.result.verifiedAt', { at: dateTime(result.verifiedAt) })}
      </p>
      <Collapse
        size="small"
        items={[
          {
            key: 'checks',
            label: t('verifier.result.checks', { n: result.checks.length }),
            children: (
              <ol
                className="verifier-result__checks"
                aria-label={t('verifier.result.checks', { n: result.checks.length })}
              >
                {result.checks.map((c) => (
                  <li key={c.check} className={c.passed ? 'is-passed' : 'is-failed'}>
                    {c.passed ? (
                      <CheckCircleFilled aria-hidden className="verifier-result__check-icon" />
                    ) : (
                      <CloseCircleFilled aria-hidden className="verifier-result__check-icon" />
                    )}
                    <span>
                      {t(checkKey(c.check))}
                      {colon}
                      {t(c.passed ? 'verifier.result.passed' : 'verifier.result.failed')}
                      {c.detail && (
                        <span className="verifier-result__detail">{aside(bi(c.detail))}</span>
                      )}
                    </span>
                  </li>
                ))}
              </ol>
            ),
          },
        ]}
      />
    </section>
  );
}
