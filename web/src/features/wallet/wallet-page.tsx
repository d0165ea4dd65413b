import './wallet.css';
import { Suspense, lazy, useEffect, useState } from 'react';
import { Alert, Empty, Skeleton } from 'antd';
import type { CredentialView } from '@contracts/credentials';
import { usePageTitle } from '../../app/use-page-title';
import { useT } from '../../i18n';
import { CredentialCard } from './credential-card';
import { VerificationHistory } from './verification-history';
import { REGISTRY_TYPES, useCredentials } from './wallet-api';
import { ensureCopies } from './wallet-store';
import { RegistryButtons } from './wallet-parts';

// The QR code a holder shows (the qrcode library, antd's Modal and form controls) loads when
// the holder opens it, not with the wallet.
const HolderQrModal = lazy(async () => ({ default: (await import('./holder-qr')).HolderQrModal }));

/**
 * 我的电子证照 (/wallet): a card per credential with 出示二维码 and 打印纸质件, the registry
 * credentials the person may still fetch, and every verification of them (核验记录).
 */
export default function WalletPage() {
  const t = useT();
  usePageTitle(t('wallet.title'));
  const credentials = useCredentials();
  const [showing, setShowing] = useState<CredentialView | null>(null);
  const held = new Set(
    (credentials.data ?? []).filter((c) => c.status !== 'revoked').map((c) => c.type),
  );
  const fetchable = REGISTRY_TYPES.filter((type) => !held.has(type));

  // Copies are fetched ahead, so 出示二维码 shows at once and still works without a network.
  useEffect(() => {
    const now = Date.now();
    for (const c of credentials.data ?? [])
      if (c.status === 'valid' && (!c.expiresAt || Date.parse(c.expiresAt) > now))
        ensureCopies(c.id).catch(() => undefined);
  }, [credentials.data]);

  return (
    <div className="wallet-page">
      <h1 className="page-heading">{t('wallet.title')}</h1>
      <p className="wallet-page__intro">{t('wallet.intro')}</p>
      {credentials.isPending && <Skeleton active />}
      {credentials.error && (
        <Alert
          type="error"
          role="alert"
          showIcon
          title={t('wallet.loadFailed', { message: credentials.error.message })}
        />
      )}
      {credentials.data && credentials.data.length === 0 && (
        <Empty
          className="wallet-page__empty"
          description={
            <>
              <strong>{t('wallet.empty')}</strong>
              <br />
              {t('wallet.emptyHint')}
            </>
          }
        />
      )}
      {credentials.data && credentials.data.length > 0 && (
        <ul className="wallet-page__cards">
          {credentials.data.map((c) => (
            <li key={c.id}>
              <CredentialCard credential={c} onShowQr={setShowing} />
            </li>
          ))}
        </ul>
      )}
      {credentials.data && fetchable.length > 0 && (
        <section className="wallet-page__registry" aria-labelledby="wallet-registry-title">
          <h2 id="wallet-registry-title">{t('wallet.registry.title')}</h2>
          <p className="wallet-page__intro">{t('wallet.registry.hint')}</p>
          <RegistryButtons types={fetchable} />
        </section>
      )}
      <VerificationHistory />
      {showing && (
        <Suspense fallback={null}>
          <HolderQrModal credential={showing} onClose={() => setShowing(null)} />
        </Suspense>
      )}
    </div>
  );
}
