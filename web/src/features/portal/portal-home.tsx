import './portal.css';
import { Link, useNavigate } from 'react-router';
import { Alert, Skeleton } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { AREAS } from '../../app/areas';
import { usePageTitle } from '../../app/use-page-title';
import { useT } from '../../i18n';
import { LIFE_EVENT_ORDER, lifeEventKey, useBundleSearch } from '../catalog';
import { BundleCard } from './guide-cards';
import { SearchBox } from './search-box';

/** How many bundles the home shows before "all bundles". */
const HOME_BUNDLES = 6;

/**
 * The public home of the portal, for a visitor who has not signed in: the search box
 * first (it opens 找事项 with the words), then shortcuts by life event and the bundles
 * (一件事). Nothing here needs an account; applying asks for one.
 */
export default function PortalHome() {
  const t = useT();
  const navigate = useNavigate();
  usePageTitle(t('portalHome.title'));
  const bundles = useBundleSearch({});
  const items = bundles.data ?? [];

  function search(words: string) {
    const q = words.trim();
    void navigate(
      q ? `${AREAS.find.path}?${new URLSearchParams({ q }).toString()}` : AREAS.find.path,
    );
  }

  return (
    <div className="portal-home">
      <header className="portal-home__hero">
        <h1 className="page-heading">{t('portalHome.title')}</h1>
        <p className="page-intro">{t('portalHome.intro')}</p>
        <SearchBox onSearch={search} />
      </header>

      <section aria-labelledby="portal-life-events" className="result-section">
        <h2 id="portal-life-events" className="section-title">
          {t('portalHome.lifeEvents')}
        </h2>
        <ul className="life-event-grid">
          {LIFE_EVENT_ORDER.map((event) => (
            <li key={event}>
              <Link
                to={`${AREAS.find.path}?${new URLSearchParams({ lifeEvent: event }).toString()}`}
                className="life-event-link"
              >
                {t(lifeEventKey(event))}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="portal-bundles" className="result-section">
        <h2 id="portal-bundles" className="section-title">
          {t('area.bundles')}
        </h2>
        <p className="section-intro">{t('bundles.intro')}</p>
        {bundles.isError && (
          <Alert type="error" showIcon role="alert" title={bundles.error.message} />
        )}
        {bundles.isPending ? (
          <Skeleton active />
        ) : (
          <div className="guide-list">
            {items.slice(0, HOME_BUNDLES).map((b) => (
              <BundleCard key={b.code} bundle={b} />
            ))}
          </div>
        )}
        <Link to={AREAS.bundles.path} className="portal-home__all">
          {t('portalHome.allBundles')} <RightOutlined aria-hidden />
        </Link>
      </section>
    </div>
  );
}
