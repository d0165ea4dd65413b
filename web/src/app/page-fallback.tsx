import { Spin } from 'antd';
import { useT } from '../i18n';

/** The spinner shown while a page's code or the session loads. */
export function PageFallback() {
  const t = useT();
  return (
    <div className="page-fallback" role="status" aria-live="polite">
      <Spin size="large" />
      <span className="visually-hidden">{t('app.loading')}</span>
    </div>
  );
}
