import './verifier.css';
import { Tabs, Typography } from 'antd';
import { usePageTitle } from '../../app/use-page-title';
import { useLanguage, useT } from '../../i18n';
import { useTrustCache } from './offline-cache';
import { RequestTab } from './request-tab';
import { ScanTab } from './scan-tab';

/**
 * 电子证照核验 (a hotel front desk, an internet café, a bank): the verifier shows a QR code the
 * holder's wallet answers (recommended), or scans the holder's or a paper credential's QR
 * code. The page keeps the issuer keys and status lists it needed, to verify offline.
 */
export default function VerifierPage() {
  const t = useT();
  const language = useLanguage();
  usePageTitle(t('verifier.title'));
  const { reload } = useTrustCache(language);
  return (
    <div className="verifier-page">
      <Typography.Title level={1}>{t('verifier.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('verifier.intro')}</Typography.Paragraph>
      <Tabs
        defaultActiveKey="request"
        destroyOnHidden={false}
        items={[
          { key: 'request', label: t('verifier.tab.request'), children: <RequestTab /> },
          { key: 'scan', label: t('verifier.tab.scan'), children: <ScanTab reload={reload} /> },
        ]}
      />
    </div>
  );
}
