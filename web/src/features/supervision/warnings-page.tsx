import { Typography } from 'antd';
import { usePageTitle } from '../../app/use-page-title';
import { useT } from '../../i18n';

/** 超期预警 The overdue list (placeholder, built in issue #13). */
export default function WarningsPage() {
  const t = useT();
  usePageTitle(t('area.warnings'));
  return <Typography.Title level={2}>{t('area.warnings')}</Typography.Title>;
}
