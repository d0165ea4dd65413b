import { useT } from '../../i18n';
import { AREAS, type AreaKey } from '../areas';
import { StatusPage } from './status-page';

/** The page of an area this account may not open (its own chunk: few ever see it). */
export default function ForbiddenPage({ areaKey }: { areaKey: AreaKey }) {
  const t = useT();
  return (
    <StatusPage
      status="403"
      heading={t(AREAS[areaKey].label)}
      title={t('forbidden.title')}
      subTitle={t('forbidden.subtitle')}
    />
  );
}
