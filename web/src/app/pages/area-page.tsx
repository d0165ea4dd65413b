import { ToolOutlined } from '@ant-design/icons';
import { useMe } from '../../features/auth';
import { useT } from '../../i18n';
import { AREAS, canOpen, type AreaKey } from '../areas';
import { StatusPage } from './status-page';

/**
 * The page of an area not built yet: says honestly that it is coming in a later release,
 * or that this account may not open it.
 */
export default function AreaPage({ areaKey }: { areaKey: AreaKey }) {
  const t = useT();
  const me = useMe();
  const area = AREAS[areaKey];
  if (!canOpen(me, areaKey)) {
    return (
      <StatusPage
        status="403"
        heading={t(area.label)}
        title={t('forbidden.title')}
        subTitle={t('forbidden.subtitle')}
      />
    );
  }
  return (
    <StatusPage
      heading={t(area.label)}
      icon={<ToolOutlined aria-hidden />}
      title={t('comingSoon.title')}
      subTitle={t('comingSoon.subtitle', { area: t(area.label) })}
    />
  );
}
