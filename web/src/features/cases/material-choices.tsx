import './cases.css';
import { useCallback, type ReactNode } from 'react';
import { Checkbox, Input, Radio } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import type { GuideMaterial } from '@contracts/catalog';
import type { MaterialEntry } from '@contracts/cases';
import { useLanguage, useT, type Language, type MessageKey } from '../../i18n';
import { NeedTag, useBi, useDepartmentName } from '../catalog';
import type { MaterialChoice } from './drafts-api';
import { FileUploadField } from './file-upload';

type Way = MaterialChoice['way'];

/** The ways the applicant can choose for a material here, preferred first. */
export function waysOf(m: GuideMaterial, supplying = false): Way[] {
  const ways: Way[] = [];
  // A material needed only in some cases (如有) is not given unless the applicant says so.
  if (!m.essential && !m.allowMissing) ways.push('none');
  // The wallet is not open to submissions yet: a credential counts only where the data hub
  // holds the same data, and then the data hub fetches it.
  if (m.satisfiedBy.includes('datahub')) ways.push('datahub');
  if (m.satisfiedBy.includes('commitment')) ways.push('commitment');
  if (m.satisfiedBy.includes('upload') && m.upload) ways.push('upload');
  if (m.allowMissing && !m.essential) ways.push('later');
  // Asked for again (one-time notice, 补正): only what the applicant gives counts.
  const given = supplying ? ways.filter((w) => w !== 'datahub' && w !== 'none') : ways;
  return given.length > 0 ? given : ['none'];
}

/** The choice a material starts with: its preferred way, nothing given yet. */
export function defaultChoice(m: GuideMaterial, supplying = false): MaterialChoice {
  return { material: m.id, way: waysOf(m, supplying)[0] ?? 'none' };
}

/** Whether the applicant can give the material at all when it is asked for again. */
export function canSupply(m: GuideMaterial): boolean {
  return waysOf(m, true)[0] !== 'none';
}

/** Whether the choice satisfies the material (so it will not be on a one-time notice). */
export function isSatisfied(choice: MaterialChoice | undefined): boolean {
  switch (choice?.way) {
    case 'datahub':
    case 'credential':
      return true;
    case 'upload':
      return Boolean(choice.fileId);
    case 'commitment':
      return Boolean(choice.agreed);
    case 'later':
      return Boolean(choice.dueDate);
    case 'none':
    case undefined:
      return false;
  }
}

/** The materials the server will list on a one-time notice with these choices. */
export function missingMaterials(
  materials: GuideMaterial[],
  choices: Record<string, MaterialChoice>,
): GuideMaterial[] {
  return materials.filter(
    (m) => (m.essential || m.allowMissing) && !isSatisfied(choices[m.id] ?? defaultChoice(m)),
  );
}

/** The `materials` of a submission: one entry per material given by file or commitment. */
export function toMaterialEntries(
  materials: GuideMaterial[],
  choices: Record<string, MaterialChoice>,
  language: Language,
): MaterialEntry[] {
  const entries: MaterialEntry[] = [];
  for (const m of materials) {
    const c = choices[m.id];
    if (!c) continue;
    if (c.way === 'upload' && c.fileId) entries.push({ material: m.id, fileId: c.fileId });
    if (c.way === 'commitment' && c.agreed) {
      const text = m.commitment?.text[language];
      entries.push({ material: m.id, commitment: text ? { text: text.slice(0, 500) } : {} });
    }
    if (c.way === 'later' && c.dueDate) {
      entries.push({ material: m.id, commitment: { dueDate: c.dueDate } });
    }
  }
  return entries;
}

const WAY_LABELS: Record<Way, MessageKey> = {
  datahub: 'choice.datahub',
  credential: 'choice.datahub',
  commitment: 'choice.commitment',
  upload: 'choice.upload',
  later: 'choice.later',
  none: 'choice.none',
};

/** Today in China time: a 容缺 due date cannot be earlier. */
function chinaToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function MaterialCard({
  material,
  choice,
  onChange,
  onBusy,
  extra,
  supplying,
}: {
  material: GuideMaterial;
  supplying: boolean;
  choice: MaterialChoice;
  onChange: (choice: MaterialChoice) => void;
  onBusy?: (material: string, busy: boolean) => void;
  extra?: ReactNode;
}) {
  const t = useT();
  const bi = useBi();
  const language = useLanguage();
  const departmentName = useDepartmentName();
  const ways = waysOf(material, supplying);
  const name = bi(material.name);
  const busy = useCallback((b: boolean) => onBusy?.(material.id, b), [onBusy, material.id]);

  return (
    <section className="material-card" aria-label={name}>
      <header className="material-card__head">
        <h3 className="material-card__name">{name}</h3>
        <NeedTag material={material} />
      </header>
      {material.description && <p className="material-card__desc">{bi(material.description)}</p>}
      {material.condition && <p className="material-card__cond">{bi(material.condition)}</p>}
      {ways.length > 1 && (
        <Radio.Group
          aria-label={t('choice.label', { material: name })}
          value={choice.way}
          onChange={(e) => onChange({ material: material.id, way: e.target.value as Way })}
          options={ways.map((w) => ({ value: w, label: t(WAY_LABELS[w]) }))}
          optionType="button"
          size="small"
          className="material-card__ways"
        />
      )}
      <div className="material-card__body">
        {choice.way === 'datahub' && (
          <p className="material-card__auto">
            <CloudDownloadOutlined aria-hidden />{' '}
            {t('choice.datahubHint', {
              source: material.datahub ? departmentName(material.datahub.source) : '',
            })}
          </p>
        )}
        {choice.way === 'commitment' && (
          <Checkbox
            checked={Boolean(choice.agreed)}
            onChange={(e) => onChange({ ...choice, agreed: e.target.checked })}
          >
            {material.commitment ? material.commitment.text[language] : t('choice.commitmentText')}
          </Checkbox>
        )}
        {choice.way === 'upload' && material.upload && (
          <FileUploadField
            label={name}
            accept={material.upload}
            value={
              choice.fileId
                ? {
                    fileId: choice.fileId,
                    fileName: choice.fileName ?? choice.fileId,
                    fileSize: choice.fileSize ?? 0,
                    mediaType: choice.mediaType ?? '',
                  }
                : undefined
            }
            onChange={(file) =>
              onChange(
                file
                  ? { material: material.id, way: 'upload', ...file }
                  : { material: material.id, way: 'upload' },
              )
            }
            onBusy={busy}
          />
        )}
        {choice.way === 'later' && (
          <label className="material-card__due">
            <span>{t('choice.dueDate')}</span>
            <Input
              type="date"
              min={chinaToday()}
              value={choice.dueDate ?? ''}
              onChange={(e) => onChange({ ...choice, dueDate: e.target.value || undefined })}
            />
          </label>
        )}
        {choice.way === 'none' && (
          <p className={supplying ? 'material-card__stuck' : 'material-card__auto'}>
            {supplying
              ? t('choice.cannotSupply', {
                  source: material.datahub ? departmentName(material.datahub.source) : '',
                })
              : t('choice.noneHint')}
          </p>
        )}
      </div>
      {extra}
    </section>
  );
}

/**
 * The materials of a guide, each with the ways it can be given (fetched for you, a
 * commitment, an upload, 容缺 with a due date) and the control for the chosen way.
 * `extra` adds a control per material (the window's "original presented").
 */
export function MaterialChoices({
  materials,
  choices,
  onChange,
  onBusy,
  extra,
  supplying = false,
}: {
  materials: GuideMaterial[];
  /** Supplying again what was asked for: the data hub and "not given" are no longer choices. */
  supplying?: boolean;
  choices: Record<string, MaterialChoice>;
  onChange: (choice: MaterialChoice) => void;
  onBusy?: (material: string, busy: boolean) => void;
  extra?: (material: GuideMaterial) => ReactNode;
}) {
  return (
    <div className="material-choices">
      {materials.map((m) => (
        <MaterialCard
          key={m.id}
          material={m}
          choice={choices[m.id] ?? defaultChoice(m, supplying)}
          supplying={supplying}
          onChange={onChange}
          onBusy={onBusy}
          extra={extra?.(m)}
        />
      ))}
    </div>
  );
}
