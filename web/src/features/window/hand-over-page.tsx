import './window.css';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Input, Result, Segmented, Skeleton, Tag } from 'antd';
import { ExportOutlined, LeftOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import type { ApplicationView } from '@contracts/cases';
import type { HandOverResult, HandOverState } from '@contracts/hand-over';
import { usePageTitle } from '../../app/use-page-title';
import { useT, type MessageKey } from '../../i18n';
import { useBi, useDepartmentName } from '../catalog';
import {
  ApplicationStatusTag,
  DocumentButton,
  documentUrl,
  useApplication,
  useDateTime,
  useHandOver,
} from '../cases';
import {
  HAND_OVER_KEY,
  handOverQueryProblem,
  useHandOverSearch,
  type HandOverQuery,
} from './hand-over-api';

const PAGE_SIZE = 10;
const STATES: readonly HandOverState[] = ['pending', 'handed-over', 'all'];

function HandOverPanel({ id }: { id: string }) {
  const t = useT();
  const bi = useBi();
  const dateTime = useDateTime();
  const departmentName = useDepartmentName();
  const { message } = App.useApp();
  const client = useQueryClient();
  const application = useApplication(id);
  const handOver = useHandOver(id);
  const [note, setNote] = useState('');

  if (application.isPending) return <Skeleton active />;
  if (application.isError) {
    return <Alert type="error" showIcon role="alert" title={application.error.message} />;
  }
  const a: ApplicationView = application.data;
  const handed = [...a.actions].reverse().find((x) => x.type === 'handed-over');

  return (
    <section className="desk-card hand-over-panel" aria-labelledby="hand-over-title">
      <h2 id="hand-over-title" className="section-title">
        {bi(a.subject.name)} · {a.receiptNo}
      </h2>
      <dl className="hand-over-panel__facts">
        <div>
          <dt>{t('handOver.applicant')}</dt>
          <dd>
            {a.applicant.name ?? '—'} {a.applicant.maskedIdNumber ?? a.applicant.creditCode}
          </dd>
        </div>
        <div>
          <dt>{t('handOver.channel')}</dt>
          <dd>
            {t(`channel.${a.channel}` as MessageKey)} <ApplicationStatusTag status={a.status} />
          </dd>
        </div>
      </dl>
      {a.results.length > 0 && (
        <ul className="plain-list">
          {a.results.map((r) => {
            const task = a.tasks.find((x) => x.step === r.step);
            return (
              <li key={r.step}>
                {t('common.pair', {
                  label: t('graph.item', {
                    name: task ? bi(task.name) : r.step,
                    department: departmentName(r.department),
                  }),
                  value: Object.values(r.outputs).map(String).join(' · '),
                })}
              </li>
            );
          })}
        </ul>
      )}
      <h3 className="hand-over-panel__subtitle">{t('handOver.originals')}</h3>
      {a.originals.length > 0 ? (
        <ul className="plain-list" aria-label={t('handOver.originals')}>
          {a.originals.map((o) => (
            <li key={o.material}>
              {t('common.pair', {
                label: bi(o.name),
                value: t('handOver.originalBy', { clerk: o.clerk.name, at: dateTime(o.at) }),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hand-over-panel__none">{t('handOver.noOriginals')}</p>
      )}
      {handed ? (
        <Result
          status="success"
          title={<h3 className="result-heading">{t('handOver.doneTitle')}</h3>}
          subTitle={t('handOver.doneAt', { at: dateTime(handed.at) })}
          extra={
            <DocumentButton primary href={documentUrl.handOver(a.id)}>
              {t('doc.handOver')}
            </DocumentButton>
          }
        />
      ) : a.status === 'completed' ? (
        <div className="hand-over-panel__form">
          <label className="stacked-field">
            <span>{t('handOver.note')}</span>
            <Input.TextArea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={500}
              autoSize={{ minRows: 2 }}
            />
          </label>
          {handOver.error && <Alert type="error" showIcon title={handOver.error.message} />}
          <Button
            type="primary"
            icon={<ExportOutlined aria-hidden />}
            loading={handOver.isPending}
            onClick={() =>
              handOver.mutate(note.trim() || undefined, {
                onSuccess: () => {
                  void client.invalidateQueries({ queryKey: HAND_OVER_KEY });
                  void message.success(t('handOver.doneTitle'));
                },
              })
            }
          >
            {t('handOver.confirm')}
          </Button>
        </div>
      ) : (
        <Alert type="info" showIcon title={t('handOver.notReady')} />
      )}
    </section>
  );
}

function ResultRow({
  item,
  selected,
  onPick,
}: {
  item: HandOverResult;
  selected: boolean;
  onPick: () => void;
}) {
  const t = useT();
  const bi = useBi();
  const dateTime = useDateTime();
  const who = [item.applicant.name, item.applicant.maskedIdNumber ?? item.applicant.creditCode]
    .filter(Boolean)
    .join(' ');
  return (
    <li className={`app-row${selected ? ' app-row--selected' : ''}`}>
      <button type="button" className="app-row__link" onClick={onPick} aria-pressed={selected}>
        <span className="app-row__main">
          <span className="app-row__title">{bi(item.subject.name)}</span>
          <span className="app-row__meta">
            {item.receiptNo} · {who}
          </span>
          <span className="app-row__meta">
            {t(`channel.${item.channel}` as MessageKey)} ·{' '}
            {item.handedOver
              ? t('handOver.handedBy', {
                  name: item.handedOver.byName ?? item.handedOver.by,
                  at: dateTime(item.handedOver.at),
                })
              : t('handOver.completedAt', { at: dateTime(item.completedAt) })}
          </span>
        </span>
        <span className="app-row__state">
          <Tag color={item.handedOver ? 'default' : 'success'}>
            {t(item.handedOver ? 'handOver.handed' : 'handOver.ready')}
          </Tag>
        </span>
      </button>
    </li>
  );
}

/**
 * 统一出件: one window for every result. The clerk finds any completed application of the
 * centre — online, at any window, overseas, from a department — by receipt number, applicant
 * name or identity number, picks it, hands the results over and prints the hand-over slip.
 */
export default function HandOverPage() {
  const t = useT();
  usePageTitle(t('area.handOver'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const stateParam = params.get('state') as HandOverState | null;
  const state: HandOverState = stateParam && STATES.includes(stateParam) ? stateParam : 'pending';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const selected = params.get('application');
  const [draft, setDraft] = useState(q);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const query: HandOverQuery | null =
    q && !handOverQueryProblem(q) ? { q, state, page, pageSize: PAGE_SIZE } : null;
  const search = useHandOverSearch(query);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // On a phone the panel sits below the list: bring it into view once picked.
    if (selected && window.matchMedia('(max-width: 991.98px)').matches)
      panel.current?.scrollIntoView({ block: 'start' });
  }, [selected]);

  function update(next: Partial<{ q: string; state: HandOverState; page: number }>, keep = false) {
    const merged = { q, state, page, ...next };
    const out: Record<string, string> = { q: merged.q };
    if (merged.state !== 'pending') out.state = merged.state;
    if (merged.page > 1) out.page = String(merged.page);
    if (keep && selected) out.application = selected;
    setParams(out);
  }

  function find() {
    const text = draft.trim();
    const why = handOverQueryProblem(text);
    setProblem(why);
    if (!why) update({ q: text, page: 1 });
  }

  const data = search.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <div className="hand-over-page">
      <h1 className="page-heading">{t('area.handOver')}</h1>
      <p className="section-intro">{t('handOver.intro')}</p>
      <Form
        layout="vertical"
        role="search"
        className="hand-over-search"
        onFinish={find}
        aria-label={t('handOver.find')}
      >
        <Form.Item
          label={t('handOver.query')}
          htmlFor="hand-over-q"
          validateStatus={problem ? 'error' : undefined}
          help={problem ? t(problem) : t('handOver.queryHint')}
          className="hand-over-search__field"
        >
          <Input
            id="hand-over-q"
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              setProblem(null);
            }}
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
            allowClear
            size="large"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          icon={<SearchOutlined aria-hidden />}
          loading={search.isFetching && !search.isPlaceholderData}
        >
          {t('handOver.find')}
        </Button>
      </Form>
      <div className="desk-toolbar">
        <Segmented<HandOverState>
          aria-label={t('handOver.stateFilter')}
          value={state}
          onChange={(v) => update({ state: v, page: 1 }, true)}
          options={[
            { value: 'pending', label: t('handOver.ready') },
            { value: 'handed-over', label: t('handOver.handed') },
            { value: 'all', label: t('find.all') },
          ]}
        />
      </div>
      <div className="desk-split">
        <section className="desk-split__list" aria-label={t('handOver.results')}>
          {!query ? (
            <Empty description={t('handOver.start')} />
          ) : search.isError ? (
            <Alert type="error" showIcon role="alert" title={search.error.message} />
          ) : !data ? (
            <Skeleton active />
          ) : data.items.length === 0 ? (
            <Empty description={t('handOver.none')} />
          ) : (
            <>
              <p className="hand-over-page__count" aria-live="polite">
                {t('handOver.total', { n: data.total })}
              </p>
              <ul className="app-list">
                {data.items.map((item) => (
                  <ResultRow
                    key={item.id}
                    item={item}
                    selected={item.id === selected}
                    onPick={() =>
                      setParams({ ...Object.fromEntries(params), application: item.id })
                    }
                  />
                ))}
              </ul>
              {pages > 1 && (
                <nav className="hand-over-pager" aria-label={t('handOver.results')}>
                  <Button
                    icon={<LeftOutlined aria-hidden />}
                    disabled={page <= 1}
                    onClick={() => update({ page: page - 1 }, true)}
                  >
                    {t('handOver.prev')}
                  </Button>
                  <span>{t('handOver.pageOf', { page, pages })}</span>
                  <Button
                    icon={<RightOutlined aria-hidden />}
                    iconPlacement="end"
                    disabled={!data.hasMore}
                    onClick={() => update({ page: page + 1 }, true)}
                  >
                    {t('handOver.next')}
                  </Button>
                </nav>
              )}
            </>
          )}
        </section>
        <div className="desk-split__detail" ref={panel}>
          {selected ? (
            <HandOverPanel key={selected} id={selected} />
          ) : (
            query && data && data.items.length > 0 && <Empty description={t('handOver.pick')} />
          )}
        </div>
      </div>
    </div>
  );
}
