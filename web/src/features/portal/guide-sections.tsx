import { Descriptions, Tag } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import {
  MaterialWays,
  NeedTag,
  StepGraph,
  useBi,
  useDepartmentName,
  useLimitText,
  type Guide,
} from '../catalog';
import { TripsTag } from './guide-cards';

/** The key facts of a guide: departments, limits, fees, trips, channels, who may apply. */
export function GuideFacts({ guide }: { guide: Guide }) {
  const t = useT();
  const bi = useBi();
  const limit = useLimitText();
  const departments =
    guide.subject === 'bundle'
      ? guide.departments.map((d) => bi(d.name))
      : [bi(guide.department.name)];
  const fees =
    guide.fees.length === 0
      ? t('guide.free')
      : guide.fees
          .map((f) => t('guide.fee', { name: bi(f.name), amount: f.amountYuan }))
          .join(t('list.separator'));
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      className="guide-facts"
      items={[
        {
          key: 'departments',
          label: t(guide.subject === 'bundle' ? 'guide.departments' : 'guide.department'),
          children: departments.join(t('list.separator')),
        },
        { key: 'promised', label: t('guide.promisedLimit'), children: limit(guide.promisedLimit) },
        { key: 'legal', label: t('guide.legalLimit'), children: limit(guide.legalLimit) },
        { key: 'fees', label: t('guide.fees'), children: fees },
        {
          key: 'trips',
          label: t('guide.trips'),
          children: (
            <>
              <TripsTag trips={guide.trips} />{' '}
              {t(guide.trips === 0 ? 'guide.trips0Hint' : 'guide.trips1Hint')}
            </>
          ),
        },
        {
          key: 'channels',
          label: t('guide.channels'),
          children: guide.channels.map((c) => <Tag key={c}>{t(`channel.${c}`)}</Tag>),
        },
        {
          key: 'applicants',
          label: t('guide.applicantTypes'),
          children: guide.applicantTypes
            .map((a) => t(`applicantType.${a}`))
            .join(t('list.separator')),
        },
      ]}
    />
  );
}

/** The steps of a bundle as a graph (a matter's single step needs none). */
export function GuideSteps({ guide }: { guide: Guide }) {
  const t = useT();
  const bi = useBi();
  const departmentName = useDepartmentName();
  if (guide.steps.length <= 1) return null;
  return (
    <section className="guide-section" aria-labelledby="guide-steps">
      <h2 id="guide-steps" className="section-title">
        {t('guide.steps')}
      </h2>
      <p className="section-intro">{t('guide.stepsIntro', { n: guide.steps.length })}</p>
      <StepGraph label={t('guide.steps')} steps={guide.steps} />
      {guide.subject === 'bundle' && guide.stages.length > 0 && (
        <ol className="stage-list">
          {guide.stages.map((stage) => (
            <li key={stage.id}>
              {t('common.pair', {
                label: bi(stage.name),
                value: stage.steps
                  .map((id) => {
                    const step = guide.steps.find((s) => s.id === id);
                    return step
                      ? t('graph.item', {
                          name: bi(step.name),
                          department: departmentName(step.department),
                        })
                      : id;
                  })
                  .join(t('list.separator')),
              })}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The materials of a guide with how each will be satisfied, and what the bundle provides. */
export function GuideMaterials({ guide }: { guide: Guide }) {
  const t = useT();
  const bi = useBi();
  const toGive = guide.materials.filter(
    (m) => !m.satisfiedBy.includes('datahub') && !m.satisfiedBy.includes('credential'),
  ).length;
  return (
    <section className="guide-section" aria-labelledby="guide-materials">
      <h2 id="guide-materials" className="section-title">
        {t('guide.materials')}
      </h2>
      <p className="section-intro">
        {t('guide.materialsIntro', {
          n: guide.materials.length,
          free: guide.materials.length - toGive,
        })}
      </p>
      <ol className="guide-materials">
        {guide.materials.map((m) => (
          <li key={m.id} className="guide-material">
            <div className="guide-material__head">
              <strong>{bi(m.name)}</strong> <NeedTag material={m} />
            </div>
            {m.description && <p className="guide-material__desc">{bi(m.description)}</p>}
            {m.condition && <p className="guide-material__desc">{bi(m.condition)}</p>}
            <MaterialWays material={m} />
          </li>
        ))}
      </ol>
      {guide.provided.length > 0 && (
        <div className="guide-provided">
          <h3 className="guide-provided__title">{t('guide.provided')}</h3>
          <ul>
            {guide.provided.map((p) => {
              const step = guide.steps.find((s) => s.id === p.fromStep);
              return (
                <li key={p.id}>
                  <CheckCircleOutlined aria-hidden className="guide-provided__icon" />{' '}
                  {t('guide.providedItem', {
                    name: bi(p.name),
                    step: step ? bi(step.name) : p.fromStep,
                  })}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}

/** Conditions, results and legal basis of a guide. */
export function GuideBasis({ guide }: { guide: Guide }) {
  const t = useT();
  const bi = useBi();
  return (
    <>
      {guide.subject === 'matter' && guide.conditions.length > 0 && (
        <section className="guide-section" aria-labelledby="guide-conditions">
          <h2 id="guide-conditions" className="section-title">
            {t('guide.conditions')}
          </h2>
          <ol className="plain-list">
            {guide.conditions.map((c, i) => (
              <li key={i}>{bi(c)}</li>
            ))}
          </ol>
        </section>
      )}
      {guide.outputs.length > 0 && (
        <section className="guide-section" aria-labelledby="guide-outputs">
          <h2 id="guide-outputs" className="section-title">
            {t('guide.outputs')}
          </h2>
          <ul className="plain-list">
            {guide.outputs.map((o) => (
              <li key={`${o.step ?? ''}-${o.type}`}>
                {bi(o.name)} <Tag>{t(`outputKind.${o.kind}`)}</Tag>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="guide-section" aria-labelledby="guide-basis">
        <h2 id="guide-basis" className="section-title">
          {t('guide.legalBasis')}
        </h2>
        <ul className="plain-list">
          {guide.legalBasis.map((b) => (
            <li key={`${b.title}${b.articles ?? ''}`}>
              {b.title}
              {b.articles ? ` ${b.articles}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
