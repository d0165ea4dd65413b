import './portal.css';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Empty, Segmented, Skeleton, Tag } from 'antd';
import type { ApplicantType, LifeEvent } from '@contracts/catalog';
import { usePageTitle } from '../../app/use-page-title';
import { useT } from '../../i18n';
import {
  LIFE_EVENT_ORDER,
  isLifeEvent,
  lifeEventKey,
  useBi,
  useBundleSearch,
  useDepartments,
  useMatterSearch,
} from '../catalog';
import { BundleCard, MatterCard } from './guide-cards';
import { SearchBox } from './search-box';

const PAGE = 30;
const APPLICANT_TYPES: readonly ApplicantType[] = ['person', 'company', 'department'];

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * 找事项: search matters and bundles by words (Chinese, English or pinyin initials such as
 * `kgs`), and browse by department, life event and applicant type. The filters live in the
 * address, so a search can be shared and survives going back.
 */
export default function FindPage() {
  const t = useT();
  const bi = useBi();
  usePageTitle(t('area.find'));
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const q = useDebounced(text.trim(), 250);
  const department = params.get('department') ?? undefined;
  const lifeEventParam = params.get('lifeEvent');
  const lifeEvent: LifeEvent | undefined = isLifeEvent(lifeEventParam) ? lifeEventParam : undefined;
  const typeParam = params.get('applicantType');
  const applicantType = APPLICANT_TYPES.find((a) => a === typeParam);
  const [shown, setShown] = useState(PAGE);

  function setParam(name: string, value: string | undefined) {
    setShown(PAGE);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  useEffect(() => {
    // Only the debounced words go to the address; the other parameters are set directly.
    if ((params.get('q') ?? '') !== q) setParam('q', q || undefined);
  }, [q]);

  const departments = useDepartments();
  const matters = useMatterSearch({ q: q || undefined, department, lifeEvent, applicantType });
  const bundles = useBundleSearch({ q: q || undefined, lifeEvent });
  const bundleItems = useMemo(
    () =>
      (bundles.data ?? []).filter(
        (b) =>
          (!applicantType || b.applicantTypes.includes(applicantType)) &&
          (!department || b.departments.includes(department)),
      ),
    [bundles.data, applicantType, department],
  );
  const matterItems = matters.data ?? [];
  const loading = matters.isPending || bundles.isPending;
  // While new words are looked up the last answer stays, dimmed, instead of flickering away.
  const stale = matters.isPlaceholderData || bundles.isPlaceholderData;
  const error = matters.error ?? bundles.error;

  return (
    <div className="find-page">
      <h1 className="page-heading">{t('area.find')}</h1>
      <div className="find-page__search">
        <SearchBox value={text} onChange={setText} onSearch={setText} />
      </div>

      <div className="find-page__filters">
        <div className="filter-row">
          <span className="filter-row__label" id="filter-type">
            {t('find.applicantType')}
          </span>
          <Segmented
            aria-labelledby="filter-type"
            value={applicantType ?? 'all'}
            onChange={(value) => setParam('applicantType', value === 'all' ? undefined : value)}
            options={[
              { value: 'all', label: t('find.all') },
              ...APPLICANT_TYPES.map((a) => ({ value: a, label: t(`applicantType.${a}`) })),
            ]}
          />
        </div>
        <div className="filter-row">
          <span className="filter-row__label" id="filter-department">
            {t('find.department')}
          </span>
          {/* The browser's own select (a native picker on a phone), not antd's Select (27 kB). */}
          <select
            aria-labelledby="filter-department"
            className="filter-row__select"
            value={department ?? ''}
            aria-busy={departments.isPending}
            onChange={(e) => setParam('department', e.target.value || undefined)}
          >
            <option value="">{t('find.allDepartments')}</option>
            {(departments.data ?? []).map((d) => (
              <option key={d.code} value={d.code}>
                {bi(d.name)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-row">
          <span className="filter-row__label" id="filter-life">
            {t('find.lifeEvent')}
          </span>
          <div className="chip-row" role="group" aria-labelledby="filter-life">
            {LIFE_EVENT_ORDER.map((event) => (
              <Tag.CheckableTag
                key={event}
                checked={lifeEvent === event}
                onChange={(checked) => setParam('lifeEvent', checked ? event : undefined)}
              >
                {t(lifeEventKey(event))}
              </Tag.CheckableTag>
            ))}
          </div>
        </div>
      </div>

      {error && <Alert type="error" showIcon role="alert" title={error.message} />}
      {loading && <Skeleton active />}

      <div
        className={stale ? 'find-page__results find-page__results--stale' : 'find-page__results'}
        aria-busy={stale}
      >
        {!loading && bundleItems.length > 0 && (
          <section aria-labelledby="find-bundles" className="result-section">
            <h2 id="find-bundles" className="section-title">
              {t('find.bundles', { n: bundleItems.length })}
            </h2>
            <div className="guide-list">
              {bundleItems.map((b) => (
                <BundleCard key={b.code} bundle={b} />
              ))}
            </div>
          </section>
        )}

        {!loading && (
          <section aria-labelledby="find-matters" className="result-section">
            <h2 id="find-matters" className="section-title">
              {t('find.matters', { n: matterItems.length })}
            </h2>
            {matterItems.length === 0 && bundleItems.length === 0 ? (
              <Empty description={t('find.none')} />
            ) : (
              <div className="guide-list">
                {matterItems.slice(0, shown).map((m) => (
                  <MatterCard key={m.code} matter={m} />
                ))}
              </div>
            )}
            {matterItems.length > shown && (
              <Button block onClick={() => setShown((n) => n + PAGE)} className="more-button">
                {t('find.more', { n: matterItems.length - shown })}
              </Button>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
