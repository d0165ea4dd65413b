import type { TableColumnsType } from 'antd';
import type { MetricDimension, MetricRow, MetricsFilter } from '@contracts/supervision';
import type { Translate } from '../../i18n';
import { formatRate } from './format';
import { exportUrl, type ExportView, type Interval } from './supervision-api';

/* What the dashboard's cards share: table scrolling, names, export links, figure columns. */

export const TABLE_SCROLL = { x: 'max-content' } as const;

/** A department's name in the app's language, or the server's label for a code it does not know. */
export function named(name: (code: string) => string, code: string, label: string): string {
  const found = name(code);
  return found && found !== code ? found : label;
}

export function exportLink(
  filter: MetricsFilter,
  view: ExportView,
  extra: { by?: MetricDimension; interval?: Interval } = {},
) {
  return {
    url: exportUrl({ ...filter, ...extra, view }),
    fileName: `supervision-${view}-${filter.from}-${filter.to}.xlsx`,
  };
}

export const tooltip = { trigger: 'axis', confine: true } as const;

/** The received / completed / on-time columns every figures table starts with. */
export function figureColumns(
  t: Translate,
  count: (n: number) => string,
): TableColumnsType<MetricRow> {
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
