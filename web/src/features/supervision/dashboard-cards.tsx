import { useMemo, useState } from 'react';
import { Segmented, Select, Table, type TableColumnsType } from 'antd';
import type {
  BundlesView,
  MetricDimension,
  MetricRow,
  MetricsFilter,
  TownNode,
} from '@contracts/supervision';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { useDepartmentName } from '../catalog';
import { EChart, type ChartOption } from './echart';
import { formatDays, formatRate, percent, useCount } from './format';
import {
  exportUrl,
  useBundles,
  useMetrics,
  useRanking,
  useTowns,
  useTrend,
  type ExportView,
  type Interval,
} from './supervision-api';
import { ViewCard } from './view-card';

const TABLE_SCROLL = { x: 'max-content' } as const;

/** A department's name in the app's language, or the server's label for a code it does not know. */
function named(name: (code: string) => string, code: string, label: string): string {
  const found = name(code);
  return found && found !== code ? found : label;
}

function exportLink(
  filter: MetricsFilter,
  view: ExportView,
  extra: { by?: MetricDimension; interval?: Interval } = {},
) {
  return {
    url: exportUrl({ ...filter, ...extra, view }),
    fileName: `supervision-${view}-${filter.from}-${filter.to}.xlsx`,
  };
}

const tooltip = { trigger: 'axis', confine: true } as const;

/** The received / completed / on-time columns every figures table starts with. */
function figureColumns(t: Translate, count: (n: number) => string): TableColumnsType<MetricRow> {
  return [
    {
      key: 'received',
      title: t('supervision.received'),
      dataIndex: 'received',
      align: 'right',
      render: (n: number) => count(n),
    },
    {
      key: 'completed',
      title: t('supervision.completed'),
      dataIndex: 'completed',
      align: 'right',
      render: (n: number) => count(n),
    },
    {
      key: 'onTimeRate',
      title: t('supervision.onTimeRate'),
      dataIndex: 'onTimeRate',
      align: 'right',
      render: formatRate,
    },
  ];
}

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

interface TownTreeNode {
  name: string;
  value: number;
  children?: TownTreeNode[];
}

function toTreemap(nodes: TownNode[]): TownTreeNode[] {
  return nodes.map((n) => ({
    name: n.name,
    value: n.received,
    ...(n.children.length > 0 ? { children: toTreemap(n.children) } : {}),
  }));
}

interface TownTableRow extends Omit<TownNode, 'children'> {
  children?: TownTableRow[];
}

function toTableRows(nodes: TownNode[]): TownTableRow[] {
  return nodes.map(({ children, ...n }) =>
    children.length > 0 ? { ...n, children: toTableRows(children) } : n,
  );
}

/** 乡镇（街道）: where the applicants live, as a treemap sized by applications received. */
export function TownsCard({ filter }: { filter: MetricsFilter }) {
  const t = useT();
  const count = useCount();
  const towns = useTowns(filter);
  const root = towns.data?.root ?? [];
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { confine: true },
      series: [
        {
          type: 'treemap',
          name: t('supervision.towns'),
          roam: false,
          nodeClick: 'zoomToNode',
          leafDepth: 2,
          breadcrumb: { show: true, bottom: 0 },
          label: { show: true, formatter: '{b}\n{c}' },
          upperLabel: { show: true, height: 22 },
          // levels[0] is the series' own root: its name is the card's title already.
          levels: [{ upperLabel: { show: false } }],
          data: toTreemap(root),
        },
      ],
    }),
    [root, t],
  );
  const columns: TableColumnsType<TownTableRow> = [
    { key: 'name', title: t('supervision.place'), dataIndex: 'name' },
    {
      key: 'received',
      title: t('supervision.received'),
      dataIndex: 'received',
      align: 'right',
      render: (n: number) => count(n),
    },
    {
      key: 'completed',
      title: t('supervision.completed'),
      dataIndex: 'completed',
      align: 'right',
      render: (n: number) => count(n),
    },
    {
      key: 'badRatingRate',
      title: t('supervision.badRatingRate'),
      dataIndex: 'badRatingRate',
      align: 'right',
      render: formatRate,
    },
  ];
  return (
    <ViewCard
      title={t('supervision.towns')}
      exportLink={exportLink(filter, 'towns')}
      pending={towns.isPending}
      error={towns.error}
      empty={root.length === 0}
      chart={() => <EChart option={option} label={t('supervision.towns')} height={360} />}
      table={() => (
        <Table<TownTableRow>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={toTableRows(root)}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          scroll={TABLE_SCROLL}
        />
      )}
    />
  );
}

/** The dimensions the metrics table may be broken down by. */
export const TABLE_DIMENSIONS: MetricDimension[] = [
  'department',
  'matter',
  'window',
  'clerk',
  'channel',
];

/** 指标明细: every figure by a chosen dimension, with the totals as the last line. */
export function MetricsCard({
  filter,
  dimensions,
}: {
  filter: MetricsFilter;
  dimensions: MetricDimension[];
}) {
  const t = useT();
  const count = useCount();
  const [by, setBy] = useState<MetricDimension>(dimensions[0] ?? 'matter');
  const metrics = useMetrics(filter, by);
  const departmentName = useDepartmentName();
  const rows = useMemo(
    () =>
      (metrics.data?.rows ?? []).map((r) =>
        by === 'department'
          ? { ...r, label: named(departmentName, r.key, r.label) }
          : by === 'channel'
            ? { ...r, label: t(`channel.${r.key}` as MessageKey) || r.label }
            : r,
      ),
    [metrics.data, by, departmentName, t],
  );
  const countColumn = (key: keyof MetricRow, title: MessageKey) => ({
    key,
    title: t(title),
    dataIndex: key,
    align: 'right' as const,
    render: (n: number) => count(n),
  });
  const rateColumn = (key: keyof MetricRow, title: MessageKey) => ({
    key,
    title: t(title),
    dataIndex: key,
    align: 'right' as const,
    render: formatRate,
  });
  const columns: TableColumnsType<MetricRow> = [
    {
      key: 'label',
      title: t(`supervision.by.${by}`),
      dataIndex: 'label',
      fixed: 'left',
    },
    countColumn('received', 'supervision.received'),
    countColumn('accepted', 'supervision.accepted'),
    countColumn('deficient', 'supervision.deficient'),
    countColumn('completed', 'supervision.completed'),
    countColumn('rejected', 'supervision.rejected'),
    {
      key: 'avgDays',
      title: t('supervision.avgDays'),
      dataIndex: 'avgDays',
      align: 'right',
      render: formatDays,
    },
    {
      key: 'p90Days',
      title: t('supervision.p90Days'),
      dataIndex: 'p90Days',
      align: 'right',
      render: formatDays,
    },
    rateColumn('onTimeRate', 'supervision.onTimeRate'),
    rateColumn('speedUpRate', 'supervision.speedUpRate'),
    countColumn('overdue', 'supervision.overdue'),
    rateColumn('zeroTripRate', 'supervision.zeroTripRate'),
    rateColumn('oneTripRate', 'supervision.oneTripRate'),
    countColumn('materialsAsked', 'supervision.materialsAsked'),
    countColumn('materialsNotAsked', 'supervision.materialsNotAsked'),
    countColumn('datahubCalls', 'supervision.datahubCalls'),
    rateColumn('badRatingRate', 'supervision.badRatingRate'),
    countColumn('followUps', 'supervision.followUps'),
    countColumn('followUpsClosedOnTime', 'supervision.followUpsClosedOnTime'),
  ];
  return (
    <ViewCard
      title={t('supervision.metrics')}
      wide
      extra={
        <Select<MetricDimension>
          value={by}
          onChange={setBy}
          aria-label={t('supervision.by')}
          popupMatchSelectWidth={false}
          options={dimensions.map((d) => ({ value: d, label: t(`supervision.by.${d}`) }))}
        />
      }
      exportLink={exportLink(filter, 'metrics', { by })}
      pending={metrics.isPending}
      error={metrics.error}
      empty={rows.length === 0}
      table={() => (
        <Table<MetricRow>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={TABLE_SCROLL}
          summary={() =>
            metrics.data ? (
              <Table.Summary.Row>
                {columns.map((column, index) => {
                  const key = column.key as keyof MetricRow;
                  const value = metrics.data.totals[key];
                  const render = (column as { render?: (v: unknown) => string }).render;
                  return (
                    <Table.Summary.Cell
                      key={String(key)}
                      index={index}
                      align={index === 0 ? 'left' : 'right'}
                    >
                      {index === 0
                        ? t('supervision.totals')
                        : render
                          ? render(value)
                          : String(value)}
                    </Table.Summary.Cell>
                  );
                })}
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
    />
  );
}
