import './portal.css';
import { useSearchParams } from 'react-router';
import { Alert, Empty, Skeleton, Tag } from 'antd';
import { usePageTitle } from '../../app/use-page-title';
import { useT } from '../../i18n';
import { LIFE_EVENT_ORDER, isLifeEvent, lifeEventKey, useBundleSearch } from '../catalog';
import { BundleCard } from './guide-cards';

/** 一件事: the bundles, browsed by life event (出生, 上学, 就业, 开公司, 退休, 身后事, …). */
export default function BundlesPage() {
  const t = useT();
  usePageTitle(t('area.bundles'));
  const [params, setParams] = useSearchParams();
  const param = params.get('lifeEvent');
  const lifeEvent = isLifeEvent(param) ? param : undefined;
  const bundles = useBundleSearch({ lifeEvent });

  return (
    <div className="bundles-page">
      <h1 className="page-heading">{t('area.bundles')}</h1>
      <p className="page-intro">{t('bundles.intro')}</p>
      <div className="chip-row chip-row--large" role="group" aria-label={t('find.lifeEvent')}>
        <Tag.CheckableTag checked={!lifeEvent} onChange={() => setParams({}, { replace: true })}>
          {t('find.all')}
        </Tag.CheckableTag>
        {LIFE_EVENT_ORDER.map((event) => (
          <Tag.CheckableTag
            key={event}
            checked={lifeEvent === event}
            onChange={(checked) =>
              setParams(checked ? { lifeEvent: event } : {}, { replace: true })
            }
          >
            {t(lifeEventKey(event))}
          </Tag.CheckableTag>
        ))}
      </div>
      {bundles.isError && (
        <Alert type="error" showIcon role="alert" title={bundles.error.message} />
      )}
      {bundles.isPending ? (
        <Skeleton active />
      ) : (bundles.data ?? []).length === 0 ? (
        <Empty description={t('bundles.none')} />
      ) : (
        <div className="guide-list">
          {(bundles.data ?? []).map((b) => (
            <BundleCard key={b.code} bundle={b} />
          ))}
        </div>
      )}
    </div>
  );
}
