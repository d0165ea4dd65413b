import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Input, Modal, Progress, Space, Spin, Typography } from 'antd';
import QRCode from 'qrcode';
import { OFFLINE_PRESENTATION_SECONDS, type CredentialView } from '@contracts/credentials';
import { useLanguage, useT } from '../../i18n';
import { offlinePresentation, useErrorText } from './wallet-api';
import { useClaimLabel } from './wallet-parts';

/** The claims offered first: enough for most checks without an identity number. */
const DEFAULT_CLAIMS = ['name', 'age_over_18'];

interface ShownQr {
  src: string;
  text: string;
  at: number;
}

/** A presentation from a fresh copy and its QR code; a RangeError when it does not fit one. */
async function makeQr(credentialId: string, claims: string[]): Promise<ShownQr> {
  const text = await offlinePresentation(credentialId, claims);
  let src: string;
  try {
    src = await QRCode.toDataURL(text, { errorCorrectionLevel: 'L', margin: 2, width: 720 });
  } catch {
    throw new RangeError('too large for a QR code');
  }
  return { src, text, at: Date.now() };
}

/** A QR code of a presentation, replaced by one from a fresh copy every 60 seconds. */
function RefreshingQr({ credential, claims }: { credential: CredentialView; claims: string[] }) {
  const t = useT();
  const language = useLanguage();
  const errorText = useErrorText();
  const [round, setRound] = useState(0);
  const [qr, setQr] = useState<ShownQr | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  // One presentation per round, even when React runs the effect twice (StrictMode).
  const pending = useRef<{ round: number; promise: Promise<ShownQr> } | null>(null);
  useEffect(() => {
    if (pending.current?.round !== round)
      pending.current = { round, promise: makeQr(credential.id, claims) };
    let cancelled = false;
    setError(null);
    pending.current.promise.then(
      (shown) => {
        if (!cancelled) setQr(shown);
      },
      (cause: unknown) => {
        if (cancelled) return;
        setQr(null);
        setError(cause instanceof RangeError ? t('wallet.qr.tooLarge') : errorText(cause));
      },
    );
    return () => {
      cancelled = true;
    };
    // A new round is a new presentation; the claims are fixed while the code is shown.
  }, [round, credential.id]);

  useEffect(() => {
    if (!qr) return;
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const refresh = setTimeout(() => setRound((r) => r + 1), OFFLINE_PRESENTATION_SECONDS * 1000);
    return () => {
      clearInterval(tick);
      clearTimeout(refresh);
    };
  }, [qr]);

  if (error) return <Alert type="error" role="alert" showIcon title={error} />;
  if (!qr)
    return (
      <div className="holder-qr__pending">
        <Spin />
        <span>{t('wallet.qr.preparing')}</span>
      </div>
    );
  const left = Math.max(0, OFFLINE_PRESENTATION_SECONDS - Math.floor((now - qr.at) / 1000));
  return (
    <div className="holder-qr">
      <img
        className="holder-qr__image"
        data-testid="holder-qr"
        src={qr.src}
        alt={t('wallet.qr.alt', { name: credential.name[language] })}
      />
      <Progress
        percent={(left / OFFLINE_PRESENTATION_SECONDS) * 100}
        showInfo={false}
        size="small"
        aria-hidden
      />
      <p className="holder-qr__countdown" aria-live="off" data-testid="holder-qr-countdown">
        {t('wallet.qr.countdown', { seconds: left })}
      </p>
      <Typography.Paragraph type="secondary">{t('wallet.qr.refreshHint')}</Typography.Paragraph>
      <details className="holder-qr__text">
        <summary>{t('wallet.qr.text')}</summary>
        <Input.TextArea
          readOnly
          rows={4}
          aria-label={t('wallet.qr.textLabel')}
          value={qr.text}
          onFocus={(e) => e.currentTarget.select()}
        />
      </details>
    </div>
  );
}

/**
 * 出示二维码: the holder ticks what to disclose, then shows a QR code of a presentation for
 * any verifier (aud OFFLINE_AUDIENCE, a random nonce, iat now), refreshed every 60 seconds.
 */
export function HolderQrModal({
  credential,
  onClose,
}: {
  credential: CredentialView | null;
  onClose: () => void;
}) {
  const t = useT();
  const language = useLanguage();
  const label = useClaimLabel();
  const [chosen, setChosen] = useState<string[]>([]);
  const [showing, setShowing] = useState(false);
  const names = credential ? Object.keys(credential.claims) : [];

  useEffect(() => {
    if (!credential) return;
    setShowing(false);
    setChosen(DEFAULT_CLAIMS.filter((c) => c in credential.claims));
  }, [credential]);

  return (
    <Modal
      open={credential !== null}
      title={credential ? t('wallet.qr.title', { name: credential.name[language] }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={
        showing ? (
          <Space wrap>
            <Button onClick={() => setShowing(false)}>{t('wallet.qr.back')}</Button>
            <Button type="primary" onClick={onClose}>
              {t('wallet.qr.close')}
            </Button>
          </Space>
        ) : (
          <Button type="primary" onClick={() => setShowing(true)}>
            {t('wallet.qr.generate')}
          </Button>
        )
      }
    >
      {credential && !showing && (
        <>
          <p>{t('wallet.qr.choose')}</p>
          <Checkbox.Group
            className="holder-qr__claims"
            value={chosen}
            onChange={(v) => setChosen(v)}
            options={names.map((n) => ({ value: n, label: label(n) }))}
          />
          {chosen.length === 0 && (
            <Typography.Paragraph type="secondary">
              {t('wallet.qr.noneChosen')}
            </Typography.Paragraph>
          )}
        </>
      )}
      {credential && showing && (
        <>
          <p>
            {t('wallet.qr.disclosing', {
              claims:
                chosen.length > 0
                  ? chosen.map(label).join(language === 'zh' ? '、' : ', ')
                  : t('wallet.qr.nothing'),
            })}
          </p>
          <RefreshingQr credential={credential} claims={chosen} />
        </>
      )}
    </Modal>
  );
}
