import './workbench.css';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Descriptions, Skeleton, Tabs, Tag } from 'antd';
import { ArrowLeftOutlined, EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import type { ApplicationView } from '@contracts/cases';
import { StatusPage } from '../../app/pages/status-page';
import { usePageTitle } from '../../app/use-page-title';
import { useT, type MessageKey } from '../../i18n';
import { useBi, useGuide } from '../catalog';
import {
  AlertTag,
  DueTime,
  FilePreview,
  FormSummary,
  HistoryList,
  TaskTimeline,
  useApplication,
} from '../cases';
import { DecisionPanel } from './decision-panel';

function MaterialRow({ material }: { material: ApplicationView['materials'][number] }) {
  const t = useT();
  const bi = useBi();
  const [open, setOpen] = useState(false);
  const name = bi(material.name);
  return (
    <li className="case-material">
      <div className="case-material__head">
        <span className="case-material__name">{name}</span>
        <Tag>{t(`materialState.${material.state}` as MessageKey)}</Tag>
        {material.essential && <Tag color="red">{t('material.need.essential')}</Tag>}
        {material.fileId && (
          <Button
            size="small"
            icon={open ? <EyeInvisibleOutlined aria-hidden /> : <EyeOutlined aria-hidden />}
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-label={t(open ? 'case.hidePreview' : 'case.preview', { name })}
          >
            {t(open ? 'case.hide' : 'case.show')}
          </Button>
        )}
      </div>
      {open && material.fileId && (
        <div className="case-material__preview">
          <FilePreview fileId={material.fileId} title={name} />
        </div>
      )}
    </li>
  );
}

/**
 * 部门审批 · 办件: one task in its application — the form, the materials with previews in
 * the page, the other steps and their states, the history — and the decision panel.
 */
export default function CasePage() {
  const t = useT();
  const bi = useBi();
  const navigate = useNavigate();
  const { applicationId = '', taskId = '' } = useParams();
  const application = useApplication(applicationId);
  const a = application.data;
  const guide = useGuide(a?.subject.kind, a?.subject.code);
  const task = a?.tasks.find((x) => x.id === taskId);
  usePageTitle(task ? bi(task.name) : t('area.tasks'));

  if (application.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (application.isError || !a || !task) {
    return application.isError && application.error.status !== 404 ? (
      <Alert type="error" showIcon role="alert" title={application.error.message} />
    ) : (
      <StatusPage status="404" heading={t('area.tasks')} subTitle={t('case.notFound')} />
    );
  }
  const inputs = Object.entries(task.inputs);

  return (
    <article className="case-page">
      <p className="guide-page__kicker">
        <Link to="/tasks">
          <ArrowLeftOutlined aria-hidden /> {t('case.back')}
        </Link>
      </p>
      <h1 className="page-heading">{bi(task.name)}</h1>
      <p className="case-page__meta">
        {bi(a.subject.name)} · <span className="mono">{a.receiptNo}</span> · {a.applicant.name}{' '}
        {a.applicant.maskedIdNumber ?? a.applicant.creditCode}
        {' · '}
        <DueTime
          dueAt={task.dueAt}
          alert={task.alert}
          provisional={task.dueProvisional}
          done={Boolean(task.decidedAt)}
        />{' '}
        {!task.decidedAt && <AlertTag alert={task.alert} />}
      </p>
      <div className="desk-split desk-split--case">
        <div className="desk-split__list">
          <Tabs
            items={[
              {
                key: 'form',
                label: t('case.form'),
                children: (
                  <>
                    <FormSummary schema={guide.data?.form} values={a.form} columns={1} />
                    {inputs.length > 0 && (
                      <Descriptions
                        title={t('case.inputs')}
                        size="small"
                        bordered
                        column={1}
                        className="case-page__inputs"
                        items={inputs.map(([k, v]) => ({ key: k, label: k, children: String(v) }))}
                      />
                    )}
                  </>
                ),
              },
              {
                key: 'materials',
                label: t('case.materials', { n: a.materials.length }),
                children: (
                  <ul className="case-materials">
                    {a.materials.map((m) => (
                      <MaterialRow key={m.material} material={m} />
                    ))}
                  </ul>
                ),
              },
              {
                key: 'steps',
                label: t('case.steps', { n: a.tasks.length }),
                children: <TaskTimeline tasks={a.tasks} highlight={task.id} />,
              },
              {
                key: 'history',
                label: t('case.history'),
                children: <HistoryList actions={a.actions} />,
              },
            ]}
          />
        </div>
        <div className="desk-split__detail">
          <DecisionPanel
            key={task.id}
            application={a}
            task={task}
            guide={guide.data}
            onDecided={() => void navigate('/tasks')}
          />
        </div>
      </div>
    </article>
  );
}
