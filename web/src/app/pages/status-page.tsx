import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button, Result } from 'antd';
import { useT } from '../../i18n';
import { usePageTitle } from '../use-page-title';

/**
 * A page that only reports a state (coming soon, forbidden, not found): a heading for the
 * page, an antd Result, and a way back home.
 */
export function StatusPage({
  heading,
  title,
  subTitle,
  status,
  icon,
}: {
  heading: string;
  title?: string;
  subTitle: string;
  status?: 'info' | '403' | '404';
  icon?: ReactNode;
}) {
  const t = useT();
  const navigate = useNavigate();
  usePageTitle(heading);
  return (
    <div className="status-page">
      <h1 className="page-heading">{heading}</h1>
      <Result
        status={status ?? 'info'}
        icon={icon}
        title={title ?? null}
        subTitle={subTitle}
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            {t('page.backHome')}
          </Button>
        }
      />
    </div>
  );
}
