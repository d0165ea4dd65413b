import { useMemo, useState } from 'react';
import { Select, Table, type TableColumnsType } from 'antd';
import type { MetricDimension, MetricRow, MetricsFilter, TownNode } from '@contracts/supervision';
import { useT, type MessageKey } from '../../i18n';
import { useDepartmentName } from '../catalog';
import { EChart, type ChartOption } from './echart';
import { formatDays, formatRate, useCount } from './format';
import { useMetrics, useTowns } from './supervision-api';
import { ViewCard } from './view-card';
import { exportLink, named, TABLE_SCROLL } from './card-parts';

/* The dashboard's detail cards: where applicants live (places) and the figures by a chosen dimension. */

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
