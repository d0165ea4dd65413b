import { Alert, Tag } from 'antd';
import type { GuideMaterial } from '@contracts/catalog';
import { useT } from '../../i18n';
import { formatBytes, useBi, type Guide } from '../catalog';
import { FormSummary, defaultChoice, missingMaterials, type MaterialChoice } from '../cases';

/** How a material stands after the wizard, in words. */
function ChoiceText({ material, choice }: { material: GuideMaterial; choice: MaterialChoice }) {
  const t = useT();
  switch (choice.way) {
    case 'datahub':
    case 'credential':
      return <Tag color="green">{t('review.datahub')}</Tag>;
    case 'upload':
      return choice.fileId ? (
        <span>
          <Tag color="blue">{t('review.uploaded')}</Tag>
          {choice.fileName} {choice.fileSize ? `(${formatBytes(choice.fileSize)})` : ''}
        </span>
      ) : (
        <Tag color={material.essential || material.allowMissing ? 'red' : 'default'}>
          {t('review.notGiven')}
        </Tag>
      );
    case 'commitment':
      return choice.agreed ? (
        <Tag color="cyan">{t('review.committed')}</Tag>
      ) : (
        <Tag color="red">{t('review.notGiven')}</Tag>
      );
    case 'later':
      return choice.dueDate ? (
        <Tag color="orange">{t('review.later', { date: choice.dueDate })}</Tag>
      ) : (
        <Tag color="red">{t('review.notGiven')}</Tag>
      );
    case 'none':
      return <Tag>{t('review.notGiven')}</Tag>;
  }
}

/** The review step: the form as entered and every material's state, with what is missing. */
export function ApplyReview({
  guide,
  values,
  choices,
}: {
  guide: Guide;
  values: Record<string, unknown>;
  choices: Record<string, MaterialChoice>;
}) {
  const t = useT();
  const bi = useBi();
  const missing = missingMaterials(guide.materials, choices);
  return (
    <div className="apply-review">
      <h2 className="section-title">{t('review.form')}</h2>
      <FormSummary schema={guide.form} values={values} />
      <h2 className="section-title">{t('review.materials')}</h2>
      <ul className="review-materials">
        {guide.materials.map((m) => (
          <li key={m.id} className="review-materials__item">
            <span className="review-materials__name">{bi(m.name)}</span>
            <ChoiceText material={m} choice={choices[m.id] ?? defaultChoice(m)} />
          </li>
        ))}
      </ul>
      {missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('review.missingTitle', { n: missing.length })}
          description={
            <>
              <ul className="plain-list">
                {missing.map((m) => (
                  <li key={m.id}>{bi(m.name)}</li>
                ))}
              </ul>
              <p>{t('review.missingHint')}</p>
            </>
          }
        />
      ) : (
        <Alert type="success" showIcon title={t('review.complete')} />
      )}
    </div>
  );
}
