import './inter-department.css';
import { useState } from 'react';
import { Alert, Button, Empty, Select, Skeleton, Table, Tag, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type {
  FirstInquiryGroup,
  InterDepartmentFigures,
  InterDepartmentMatterRow,
  InterDepartmentPair,
} from '@contracts/inter-department';
import { usePageTitle } from '../../app/use-page-title';
import { useT, type MessageKey } from '../../i18n';
import { useBi } from '../catalog';
import { useDateTime } from '../cases/light';
import { monthPeriod, useBoard, useReportMonths } from './inter-department-api';

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** A 0–1 rate as a percentage with one decimal; — without a denominator. */
function rate(r: number | null): string {
  return r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
}

function days(d: number | null): string {
  return d === null ? '—' : d.toFixed(2);
}

type Row = { key: string; figures: InterDepartmentFigures };

/** The figure columns shared by the pairs and the matters. */
function figureColumns<T extends Row>(t: (k: MessageKey) => string): TableColumnsType<T> {
  const count = (
    key: keyof InterDepartmentFigures,
    label: MessageKey,
    bad = false,
  ): TableColumnsType<T>[number] => ({
    key,
    title: t(label),
    align: 'right',
    render: (_: unknown, row: T) => {
      const v = row.figures[key] as number;
      return (
        <span
          className={
            bad && v > 0
              ? 'inter-department-figure inter-department-figure--bad'
              : 'inter-department-figure'
          }
        >
          {v}
        </span>
      );
    },
  });
  const text = (
    key: string,
    label: MessageKey,
    value: (f: InterDepartmentFigures) => string,
  ): TableColumnsType<T>[number] => ({
    key,
    title: t(label),
    align: 'right',
    render: (_: unknown, row: T) => (
      <span className="inter-department-figure">{value(row.figures)}</span>
    ),
  });
  return [
    count('received', 'interDepartment.received'),
    count('completed', 'interDepartment.completed'),
    count('open', 'interDepartment.open'),
    count('overdue', 'interDepartment.overdue', true),
    text('onTime', 'interDepartment.onTimeRate', (f) => rate(f.onTimeRate)),
    text('avgDays', 'interDepartment.avgDays', (f) => days(f.avgDays)),
    text('legal', 'interDepartment.avgLegalDays', (f) => days(f.avgLegalDays)),
    text('promised', 'interDepartment.avgPromisedDays', (f) => days(f.avgPromisedDays)),
    text('speedUp', 'interDepartment.speedUpRate', (f) => rate(f.speedUpRate)),
  ];
}

function Totals({ figures }: { figures: InterDepartmentFigures }) {
  const t = useT();
  const items: [MessageKey, string][] = [
    ['interDepartment.received', String(figures.received)],
    ['interDepartment.completed', String(figures.completed)],
    ['interDepartment.overdue', String(figures.overdue)],
    ['interDepartment.avgDays', days(figures.avgDays)],
    ['interDepartment.avgLegalDays', days(figures.avgLegalDays)],
    ['interDepartment.speedUpRate', rate(figures.speedUpRate)],
  ];
  return (
    <ul className="inter-department-totals" aria-label={t('interDepartment.totals')}>
      {items.map(([label, value]) => (
        <li key={label}>
          <span className="inter-department-totals__label">{t(label)}</span>
          <span className="inter-department-totals__value">{value}</span>
        </li>
      ))}
    </ul>
  );
}

function FollowUps({ groups }: { groups: FirstInquiryGroup[] }) {
  const t = useT();
  const bi = useBi();
  const dateTime = useDateTime();
  if (groups.length === 0) return <Empty description={t('interDepartment.noFollowUps')} />;
  return (
    <ul className="inter-department-groups">
      {groups.map((g) => (
        <li key={g.department.code} className="inter-department-group">
          <h3>{t('interDepartment.firstInquiryOf', { department: bi(g.department.name) })}</h3>
          <ul>
            {g.items.map((f) => (
              <li key={f.id}>
                {f.overdue && <Tag color="red">{t('interDepartment.followUpOverdue')}</Tag>}
                <strong>{f.receiptNo}</strong> {f.title} ·{' '}
                {t('interDepartment.followUpLine', {
                  requester: bi(f.requester.name),
                  late: f.lateDepartment ? bi(f.lateDepartment.name) : '—',
                  owner: f.ownerName ?? '—',
                  due: dateTime(f.dueAt),
                })}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/**
 * 部门间办事 (Lishui): the month's requests between departments (requesting → providing, per
 * matter, against the legal and promised limits, with the speed-up rate), the open follow-ups
 * by first-inquiry department (首问负责), and the month's public report as PDF.
 */
export default function InterDepartmentPage() {
  const t = useT();
  const bi = useBi();
  const dateTime = useDateTime();
  usePageTitle(t('interDepartment.title'));
  const today = CHINA_DAY.format(new Date());
  const months = useReportMonths();
  const [chosen, setChosen] = useState<string | null>(null);
  const month = chosen ?? months.data?.months[0]?.month ?? today.slice(0, 7);
  const board = useBoard(monthPeriod(month, today));
  const reportUrl = `/api/v1/public/inter-department/reports/${month}.pdf`;

  const pairColumns: TableColumnsType<InterDepartmentPair & Row> = [
    {
      key: 'pair',
      title: t('interDepartment.pair'),
      render: (_: unknown, p) => (
        <span>
          {bi(p.requester.name)} → {bi(p.provider.name)}
        </span>
      ),
    },
    ...figureColumns<InterDepartmentPair & Row>(t),
  ];
  const matterColumns: TableColumnsType<InterDepartmentMatterRow & Row> = [
    {
      key: 'matter',
      title: t('interDepartment.matter'),
      render: (_: unknown, m) => (
        <span>
          {bi(m.name)}
          <br />
          <small>
            {bi(m.provider.name)} ·{' '}
            {t('interDepartment.limits', {
              legal: m.legalLimitDays ?? '—',
              promised: m.promisedLimitDays ?? '—',
            })}
          </small>
        </span>
      ),
    },
    ...figureColumns<InterDepartmentMatterRow & Row>(t),
  ];

  return (
    <div className="inter-department-page">
      <h1 className="page-heading">{t('interDepartment.title')}</h1>
      <p className="page-intro">{t('interDepartment.intro')}</p>
      <div className="inter-department-toolbar">
        <label className="inter-department-month">
          <span>{t('interDepartment.month')}</span>
          <Select<string>
            className="inter-department-month__select"
            aria-label={t('interDepartment.month')}
            value={month}
            onChange={setChosen}
            options={(months.data?.months ?? [{ month }]).map((m) => ({
              value: m.month,
              label: m.month,
            }))}
          />
        </label>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          href={reportUrl}
          download={`inter-department-${month}.pdf`}
        >
          {t('interDepartment.download')}
        </Button>
      </div>
      {board.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('interDepartment.loadFailed')}
          description={board.error.message}
        />
      ) : board.isPending ? (
        <Skeleton active />
      ) : (
        <>
          {board.data.scope && <p className="page-intro">{t('interDepartment.scoped')}</p>}
          <Totals figures={board.data.totals} />
          <section className="inter-department-section" aria-labelledby="inter-department-pairs">
            <h2 id="inter-department-pairs">{t('interDepartment.pairs')}</h2>
            {board.data.pairs.length === 0 ? (
              <Empty description={t('interDepartment.empty')} />
            ) : (
              <Table<InterDepartmentPair & Row>
                rowKey="key"
                size="small"
                columns={pairColumns}
                dataSource={board.data.pairs.map((p) => ({
                  ...p,
                  key: `${p.requester.code}>${p.provider.code}`,
                }))}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
              />
            )}
          </section>
          <section className="inter-department-section" aria-labelledby="inter-department-matters">
            <h2 id="inter-department-matters">{t('interDepartment.matters')}</h2>
            {board.data.matters.length === 0 ? (
              <Empty description={t('interDepartment.empty')} />
            ) : (
              <Table<InterDepartmentMatterRow & Row>
                rowKey="key"
                size="small"
                columns={matterColumns}
                dataSource={board.data.matters.map((m) => ({
                  ...m,
                  key: `${m.code}>${m.provider.code}`,
                }))}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
              />
            )}
          </section>
          <section
            className="inter-department-section"
            aria-labelledby="inter-department-follow-ups"
          >
            <h2 id="inter-department-follow-ups">{t('interDepartment.followUps')}</h2>
            <FollowUps groups={board.data.followUps} />
          </section>
          <p className="inter-department-note">
            {t('interDepartment.asOf', { at: dateTime(board.data.asOf) })} ·{' '}
            {t('interDepartment.note')}
          </p>
        </>
      )}
    </div>
  );
}
