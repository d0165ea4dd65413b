import { useMemo, useState } from 'react';
import { Segmented, Table, type TableColumnsType } from 'antd';
import type { BundlesView, MetricRow, MetricsFilter } from '@contracts/supervision';
import { useT } from '../../i18n';
import { useDepartmentName } from '../catalog';
import { EChart, type ChartOption } from './echart';
import { formatDays, formatRate, percent, useCount } from './format';
import { useBundles, useRanking, useTrend, type Interval } from './supervision-api';
import { ViewCard } from './view-card';
import { exportLink, figureColumns, named, TABLE_SCROLL, tooltip } from './card-parts';

/* The dashboard's chart cards: trend, the departments' ranking, the bundles' hold-ups. */

/** 趋势: received and completed per day, week or month, with the on-time rate. */
export function TrendCard({ filter }: { filter: MetricsFilter }) {
  const t = useT();
  const count = useCount();
  const [interval, setInterval] = useState<Interval>('day');
  const trend = useTrend(filter, interval);
  const rows = trend.data?.rows ?? [];
  const option = useMemo<ChartOption>(
    () => ({
      tooltip,
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.label) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { type: 'bar', name: t('supervision.received'), data: rows.map((r) => r.received) },
        { type: 'bar', name: t('supervision.completed'), data: rows.map((r) => r.completed) },
        {
          type: 'line',
          name: t('supervision.onTimeRate'),
          yAxisIndex: 1,
          connectNulls: true,
          data: rows.map((r) => percent(r.onTimeRate)),
        },
      ],
    }),
    [rows, t],
  );
  const columns: TableColumnsType<MetricRow> = [
    { key: 'label', title: t('supervision.period'), dataIndex: 'label' },
    ...figureColumns(t, count),
    { key: 'overdue', title: t('supervision.overdue'), dataIndex: 'overdue', align: 'right' },
  ];
  return (
    <ViewCard
      title={t('supervision.trend')}
      wide
      extra={
        <Segmented<Interval>
          value={interval}
          onChange={setInterval}
          aria-label={t('supervision.interval')}
          options={(['day', 'week', 'month'] as const).map((i) => ({
            value: i,
            label: t(`supervision.interval.${i}`),
          }))}
        />
      }
      exportLink={exportLink(filter, 'trend', { interval })}
      pending={trend.isPending}
      error={trend.error}
      empty={rows.every((r) => r.received === 0 && r.completed === 0)}
      chart={() => <EChart option={option} label={t('supervision.trend')} />}
      table={() => (
        <Table<MetricRow>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 31, hideOnSinglePage: true }}
          scroll={TABLE_SCROLL}
        />
      )}
    />
  );
}

type RankingRow = MetricRow & { rank: number };

/** 部门排名: by bad-rating rate, then on-time rate (Zhejiang's ranking). */
export function RankingCard({ filter }: { filter: MetricsFilter }) {
  const t = useT();
  const count = useCount();
  const ranking = useRanking(filter);
  const departmentName = useDepartmentName();
  // The departments named in the app's language (the server's labels are Chinese).
  const rows = useMemo(
    () =>
      (ranking.data?.rows ?? []).map((r) => ({
        ...r,
        label: named(departmentName, r.key, r.label),
      })),
    [ranking.data, departmentName],
  );
  const option = useMemo<ChartOption>(() => {
    // The best ranked on top: ECharts draws a category axis from the bottom.
    const shown = [...rows].reverse();
    return {
      tooltip,
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: shown.map((r) => `${r.rank}. ${r.label}`) },
      series: [
        {
          type: 'bar',
          name: t('supervision.onTimeRate'),
          data: shown.map((r) => percent(r.onTimeRate)),
        },
        {
          type: 'bar',
          name: t('supervision.badRatingRate'),
          data: shown.map((r) => percent(r.badRatingRate)),
        },
      ],
    };
  }, [rows, t]);
  const columns: TableColumnsType<RankingRow> = [
    { key: 'rank', title: t('supervision.rank'), dataIndex: 'rank', align: 'right' },
    { key: 'label', title: t('supervision.department'), dataIndex: 'label' },
    ...(figureColumns(t, count) as TableColumnsType<RankingRow>),
    {
      key: 'badRatingRate',
      title: t('supervision.badRatingRate'),
      dataIndex: 'badRatingRate',
      align: 'right',
      render: formatRate,
    },
    {
      key: 'speedUpRate',
      title: t('supervision.speedUpRate'),
      dataIndex: 'speedUpRate',
      align: 'right',
      render: formatRate,
    },
  ];
  return (
    <ViewCard
      title={t('supervision.ranking')}
      wide
      exportLink={exportLink(filter, 'ranking')}
      pending={ranking.isPending}
      error={ranking.error}
      empty={rows.length === 0}
      chart={() => (
        <EChart
          option={option}
          label={t('supervision.ranking')}
          height={Math.max(240, rows.length * 28 + 70)}
        />
      )}
      table={() => (
        <Table<RankingRow>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={TABLE_SCROLL}
        />
      )}
    />
  );
}

type BundleStep = BundlesView['rows'][number]['steps'][number];
interface BundleStepLine extends BundleStep {
  bundle: string;
  bundleName: string;
}

/** 一件事: which step holds up which bundle (settled bundles where that step finished last). */
export function BundlesCard({ filter }: { filter: MetricsFilter }) {
  const t = useT();
  const count = useCount();
  const bundles = useBundles(filter);
  const departmentName = useDepartmentName();
  const rows = useMemo(
    () =>
      (bundles.data?.rows ?? []).map((b) => ({
        ...b,
        steps: b.steps.map((s) => ({
          ...s,
          departmentName: named(departmentName, s.departmentCode, s.departmentName),
        })),
      })),
    [bundles.data, departmentName],
  );
  const option = useMemo<ChartOption>(() => {
    const departments = [...new Set(rows.flatMap((b) => b.steps.map((s) => s.departmentName)))];
    return {
      tooltip: { ...tooltip, axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((b) => b.name) },
      series: departments.map((name) => ({
        type: 'bar' as const,
        stack: 'holdsUp',
        name,
        data: rows.map((b) =>
          b.steps.filter((s) => s.departmentName === name).reduce((n, s) => n + s.holdsUp, 0),
        ),
      })),
    };
  }, [rows]);
  const lines: BundleStepLine[] = rows.flatMap((b) =>
    b.steps.map((s) => ({ ...s, bundle: b.code, bundleName: b.name })),
  );
  const columns: TableColumnsType<BundleStepLine> = [
    { key: 'bundle', title: t('supervision.bundle'), dataIndex: 'bundleName' },
    { key: 'step', title: t('supervision.step'), dataIndex: 'departmentName' },
    { key: 'matter', title: t('supervision.matter'), dataIndex: 'matterCode' },
    {
      key: 'decided',
      title: t('supervision.decided'),
      dataIndex: 'decided',
      align: 'right',
      render: (n: number) => count(n),
    },
    { key: 'open', title: t('supervision.open'), dataIndex: 'open', align: 'right' },
    {
      key: 'avgDays',
      title: t('supervision.avgDays'),
      dataIndex: 'avgDays',
      align: 'right',
      render: formatDays,
    },
    { key: 'holdsUp', title: t('supervision.holdsUp'), dataIndex: 'holdsUp', align: 'right' },
  ];
  return (
    <ViewCard
      title={t('supervision.bundles')}
      exportLink={exportLink(filter, 'bundles')}
      pending={bundles.isPending}
      error={bundles.error}
      empty={rows.length === 0}
      chart={() => (
        <EChart
          option={option}
          label={t('supervision.bundles')}
          height={Math.max(240, rows.length * 48 + 80)}
        />
      )}
      table={() => (
        <Table<BundleStepLine>
          rowKey={(r) => `${r.bundle}/${r.stepId}`}
          size="small"
          columns={columns}
          dataSource={lines}
          pagination={false}
          scroll={TABLE_SCROLL}
        />
      )}
    />
  );
}
