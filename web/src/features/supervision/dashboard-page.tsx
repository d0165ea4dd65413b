import { Typography } from 'antd';
import { usePageTitle } from '../../app/use-page-title';
import { useT } from '../../i18n';

/** 效能看板 Dashboards (placeholder, built in issue #13). */
export default function DashboardPage() {
  const t = useT();
  usePageTitle(t('supervision.title'));
  return <Typography.Title level={2}>{t('supervision.title')}</Typography.Title>;
}
