import { Link } from 'react-router';
import { Tag } from 'antd';
import { AppstoreOutlined, FileTextOutlined } from '@ant-design/icons';
import type { BundleSummary, MatterSummary } from '@contracts/catalog';
import { useT } from '../../i18n';
import { useBi, useDepartmentName, useLimitText } from '../catalog';

/** "跑零次" / "最多跑一次" as a tag. */
export function TripsTag({ trips }: { trips: 0 | 1 }) {
  const t = useT();
  return (
    <Tag color={trips === 0 ? 'green' : 'blue'}>
      {t(trips === 0 ? 'guide.trips0' : 'guide.trips1')}
    </Tag>
  );
}

/** A bundle (一件事) in a result list: name, what it is for, departments, limit, trips. */
export function BundleCard({ bundle }: { bundle: BundleSummary }) {
  const t = useT();
  const bi = useBi();
  const limit = useLimitText();
  return (
    <Link
      to={`/bundles/${encodeURIComponent(bundle.code)}`}
      className="guide-card guide-card--bundle"
    >
      <span className="guide-card__icon">
        <AppstoreOutlined aria-hidden />
      </span>
      <span className="guide-card__body">
        <span className="guide-card__title">{bi(bundle.name)}</span>
        {bundle.description && <span className="guide-card__desc">{bi(bundle.description)}</span>}
        <span className="guide-card__tags">
          <Tag color="purple">{t('guide.bundleTag')}</Tag>
          <Tag>{t('guide.promised', { limit: limit(bundle.promisedLimit) })}</Tag>
          <TripsTag trips={bundle.trips} />
          <Tag>{t('guide.stepsCount', { n: bundle.steps, d: bundle.departments.length })}</Tag>
          <Tag>{t('guide.materialsCount', { n: bundle.materials })}</Tag>
        </span>
      </span>
    </Link>
  );
}

/** A matter (事项) in a result list: name, department, limit, trips. */
export function MatterCard({ matter }: { matter: MatterSummary }) {
  const t = useT();
  const bi = useBi();
  const limit = useLimitText();
  const departmentName = useDepartmentName();
  return (
    <Link to={`/matters/${encodeURIComponent(matter.code)}`} className="guide-card">
      <span className="guide-card__icon">
        <FileTextOutlined aria-hidden />
      </span>
      <span className="guide-card__body">
        <span className="guide-card__title">{bi(matter.name)}</span>
        <span className="guide-card__desc">
          {departmentName(matter.department.code) || bi(matter.department.name)}
        </span>
        <span className="guide-card__tags">
          <Tag>{t('guide.promised', { limit: limit(matter.promisedLimit) })}</Tag>
          <TripsTag trips={matter.trips} />
          {matter.bundles.length > 0 && <Tag color="purple">{t('guide.partOfBundle')}</Tag>}
        </span>
      </span>
    </Link>
  );
}
