import { Link } from 'react-router';
import { AREA_ICONS } from '../../app/area-icons';
import { homeKindOf, navGroupsOf, type Area, type HomeKind } from '../../app/areas';
import { usePageTitle } from '../../app/use-page-title';
import { useT, type MessageKey } from '../../i18n';
import { useMe } from '../auth';
import { AccountCard } from './account-card';
import { CalendarWarning } from './calendar-warning';

/** The heading (the desk's name) and the introduction of each home. */
const HOMES: Record<HomeKind, { title: MessageKey; intro: MessageKey }> = {
  citizen: { title: 'home.citizen.title', intro: 'home.citizen.intro' },
  clerk: { title: 'home.clerk.title', intro: 'home.clerk.intro' },
  reviewer: { title: 'home.reviewer.title', intro: 'home.reviewer.intro' },
  lead: { title: 'home.lead.title', intro: 'home.lead.intro' },
  supervisor: { title: 'home.supervisor.title', intro: 'home.supervisor.intro' },
  admin: { title: 'home.admin.title', intro: 'home.admin.intro' },
  court: { title: 'home.court.title', intro: 'home.court.intro' },
  grid: { title: 'home.grid.title', intro: 'home.grid.intro' },
  verifier: { title: 'home.verifier.title', intro: 'home.verifier.intro' },
  staff: { title: 'home.staff.title', intro: 'home.staff.intro' },
};

function AreaCard({ area }: { area: Area }) {
  const t = useT();
  return (
    <Link to={area.path} className="area-card">
      <span className="area-card__icon">{AREA_ICONS[area.key]}</span>
      <span className="area-card__text">
        <span className="area-card__title">{t(area.label)}</span>
        <span className="area-card__desc">{t(area.description)}</span>
      </span>
    </Link>
  );
}

/**
 * The home of the signed-in account: the desk's name as the page heading, a greeting with
 * name, role and (for staff) department, and the role's areas as cards.
 */
export default function HomePage() {
  const t = useT();
  const me = useMe();
  const home = HOMES[homeKindOf(me)];
  const groups = navGroupsOf(me);
  usePageTitle(t(home.title));

  return (
    <div className="home">
      <header className="home__header">
        <h1 className="page-heading">{t(home.title)}</h1>
        <p className="home__intro">{t(home.intro)}</p>
      </header>

      <AccountCard me={me} />
      {homeKindOf(me) === 'admin' && <CalendarWarning />}

      {groups.map((group) => (
        <section key={group.key} className="home__section" aria-labelledby={`home-${group.key}`}>
          <h2 id={`home-${group.key}`} className="home__section-title">
            {groups.length === 1 ? t('home.shortcuts') : t(group.label)}
          </h2>
          <div className="area-grid">
            {group.areas.map((area) => (
              <AreaCard key={area.key} area={area} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
