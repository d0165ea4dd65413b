import { Button, Result } from 'antd';
import { useT } from '../../i18n';

/** Shown when the session could not be checked (server unreachable): says so, offers a retry. */
export default function SessionErrorPage({
  message,
  onRetry,
}: {
  message: string;
  onRetry: () => void;
}) {
  const t = useT();
  return (
    <main id="main">
      <Result
        status="warning"
        title={<h1 className="result-heading">{t('error.sessionCheck')}</h1>}
        subTitle={message}
        extra={
          <Button type="primary" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        }
      />
    </main>
  );
}
