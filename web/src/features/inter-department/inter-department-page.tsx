import { Typography } from 'antd';
import { usePageTitle } from '../../app/use-page-title';
import { useT } from '../../i18n';

/** 部门间办事 Inter-department matters (placeholder, built in issue #13). */
export default function InterDepartmentPage() {
  const t = useT();
  usePageTitle(t('interDepartment.title'));
  return <Typography.Title level={2}>{t('interDepartment.title')}</Typography.Title>;
}
