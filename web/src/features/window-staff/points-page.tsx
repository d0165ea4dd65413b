import { Typography } from 'antd';
import { usePageTitle } from '../../app/use-page-title';
import { useT } from '../../i18n';

/** 窗口积分 Window points (placeholder, built in issue #13). */
export default function PointsPage() {
  const t = useT();
  usePageTitle(t('windowStaff.title'));
  return <Typography.Title level={2}>{t('windowStaff.title')}</Typography.Title>;
}
