import './supervision.css';
import { useState } from 'react';
import { Alert, Input, Segmented, Select, Skeleton } from 'antd';
import type { MetricRow, MetricsFilter } from '@contracts/supervision';
import { usePageTitle } from '../../app/use-page-title';
import { useT, type MessageKey } from '../../i18n';
import { useMe } from '../auth';
import { useBi, useDepartments } from '../catalog';
import { BundlesCard, RankingCard, TrendCard } from './dashboard-cards';
import { MetricsCard, TABLE_DIMENSIONS, TownsCard } from './detail-cards';
import { formatRate, useCount } from './format';
import { isValidPeriod, presetPeriod, type Period, type PeriodPreset } from './period';
import { useMetrics } from './supervision-api';

const PRESETS: PeriodPreset[] = ['last30', 'month', 'quarter', 'year', 'custom'];
const CHANNELS = ['online', 'window', 'overseas', 'department'] as const;
type Channel = (typeof CHANNELS)[number];

/** The period picker: a preset, or two days typed in (the last good range stays in use). */
function PeriodPicker({
  preset,
  period,
  onChange,
}: {
  preset: PeriodPreset;
  period: Period;
  onChange: (preset: PeriodPreset, period: Period) => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState<Period>(period);
  const invalid = preset === 'custom' && !isValidPeriod(draft);
  function edit(next: Period) {
    setDraft(next);
    if (isValidPeriod(next)) onChange('custom', next);
  }
  return (
    <div className="supervision-period">
      <Segmented<PeriodPreset>
        value={preset}
        aria-label={t('supervision.periodPicker')}
        onChange={(p) => {
          if (p === 'custom') {
            setDraft(period);
            onChange('custom', period);
          } else onChange(p, presetPeriod(p));
        }}
        options={PRESETS.map((p) => ({ value: p, label: t(`supervision.preset.${p}`) }))}
      />
      {preset === 'custom' ? (
        <span className="supervision-period__range">
          <Input
            type="date"
            aria-label={t('supervision.from')}
            value={draft.from}
            status={invalid ? 'error' : undefined}
            onChange={(e) => edit({ ...draft, from: e.target.value })}
          />
          <span aria-hidden>–</span>
          <Input
            type="date"
            aria-label={t('supervision.to')}
            value={draft.to}
            status={invalid ? 'error' : undefined}
            onChange={(e) => edit({ ...draft, to: e.target.value })}
          />
          {invalid && (
            <span className="supervision-period__error" role="alert">
              {t('supervision.badPeriod')}
            </span>
          )}
        </span>
      ) : (
        <span className="supervision-period__shown">
          {t('supervision.periodShown', { from: period.from, to: period.to })}
        </span>
      )}
    </div>
  );
}

const TILES: { key: keyof MetricRow; label: MessageKey; rate: boolean }[] = [
  { key: 'received', label: 'supervision.received', rate: false },
  { key: 'completed', label: 'supervision.completed', rate: false },
  { key: 'onTimeRate', label: 'supervision.onTimeRate', rate: true },
  { key: 'speedUpRate', label: 'supervision.speedUpRate', rate: true },
  { key: 'badRatingRate', label: 'supervision.badRatingRate', rate: true },
  { key: 'zeroTripRate', label: 'supervision.zeroTripRate', rate: true },
  { key: 'materialsNotAsked', label: 'supervision.materialsNotAsked', rate: false },
];

/** The headline figures of the period. */
function Tiles({ filter }: { filter: MetricsFilter }) {
  const t = useT();
  const count = useCount();
  const metrics = useMetrics(filter, 'department');
  if (metrics.isError) {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={t('supervision.loadFailed')}
        description={metrics.error.message}
      />
    );
  }
  if (metrics.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  const totals = metrics.data.totals;
  return (
    <dl className="supervision-tiles" aria-label={t('supervision.tiles')}>
      {TILES.map((tile) => {
        const value = totals[tile.key] as number | null;
        return (
          <div className="supervision-tile" key={tile.key}>
            <dt>{t(tile.label)}</dt>
            <dd>{tile.rate ? formatRate(value) : count(value ?? 0)}</dd>
          </div>
        );
      })}
    </dl>
  );
}

/**
 * 效能看板: the reform measured from the action history — headline figures, the trend, the
 * departments' ranking, the bundles' hold-ups, the places and a table by any dimension; every
 * chart also as a table and as an Excel workbook. A department lead sees their department.
 */
export default function DashboardPage() {
  const t = useT();
  usePageTitle(t('supervision.title'));
  const me = useMe();
  const bi = useBi();
  const departments = useDepartments();
  const supervisor = me.roles.includes('supervisor');
  const ownDepartment = supervisor ? undefined : me.department?.code;
  const [preset, setPreset] = useState<PeriodPreset>('last30');
  const [period, setPeriod] = useState<Period>(() => presetPeriod('last30'));
  const [department, setDepartment] = useState<string>();
  const [channel, setChannel] = useState<Channel>();

  const filter: MetricsFilter = {
    ...period,
    ...((ownDepartment ?? department) ? { department: ownDepartment ?? department } : {}),
    ...(channel ? { channel } : {}),
  };
  const scoped = Boolean(filter.department);

  return (
    <div className="supervision-page">
      <h1 className="page-heading">{t('supervision.title')}</h1>
      <p className="page-intro">
        {ownDepartment
          ? t('supervision.introDepartment', { department: me.department?.name ?? '' })
          : t('supervision.intro')}
      </p>
      <div className="desk-toolbar supervision-filters">
        <PeriodPicker
          preset={preset}
          period={period}
          onChange={(p, range) => {
            setPreset(p);
            setPeriod(range);
          }}
        />
        {supervisor && (
          <Select<string>
            allowClear
            className="supervision-filters__select"
            aria-label={t('supervision.department')}
            placeholder={t('supervision.allDepartments')}
            value={department}
            onChange={setDepartment}
            loading={departments.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(departments.data ?? []).map((d) => ({ value: d.code, label: bi(d.name) }))}
          />
        )}
        <Select<Channel>
          allowClear
          className="supervision-filters__select"
          aria-label={t('supervision.channel')}
          placeholder={t('supervision.allChannels')}
          value={channel}
          onChange={setChannel}
          options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
      </div>
      <Tiles filter={filter} />
      <div className="supervision-grid">
        <TrendCard filter={filter} />
        {!scoped && <RankingCard filter={filter} />}
        <BundlesCard filter={filter} />
        <TownsCard filter={filter} />
        <MetricsCard
          filter={filter}
          dimensions={
            scoped ? TABLE_DIMENSIONS.filter((d) => d !== 'department') : TABLE_DIMENSIONS
          }
        />
      </div>
    </div>
  );
}
