import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Button } from 'antd';
import type { GuideMaterial } from '@contracts/catalog';
import type { ApplicationView } from '@contracts/cases';
import { ApiError } from '../../api';
import { useLanguage, useT } from '../../i18n';
import { useGuide } from '../catalog';
import { useSupplyMaterials } from './cases-api';
import type { MaterialChoice } from './drafts-api';
import {
  MaterialChoices,
  canSupply,
  defaultChoice,
  isSatisfied,
  toMaterialEntries,
} from './material-choices';

/** One item asked for: a material and, for a reviewer's request, why. */
export interface RequestedItem {
  material: string;
  reason?: string;
}

/**
 * Supplies exactly the items asked for — the one-time notice's, or a reviewer's supplement
 * request (补正) — and nothing else; sent once every item has been given.
 */
export function SupplyForm({
  application,
  items,
  title,
  onDone,
}: {
  application: ApplicationView;
  items: RequestedItem[];
  title: string;
  onDone?: (view: ApplicationView) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const { message } = App.useApp();
  const guide = useGuide(application.subject.kind, application.subject.code);
  const supply = useSupplyMaterials(application.id);
  const [choices, setChoices] = useState<Record<string, MaterialChoice>>({});
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const onBusy = useCallback(
    (material: string, b: boolean) => setBusy((s) => ({ ...s, [material]: b })),
    [],
  );

  const materials = useMemo<GuideMaterial[]>(() => {
    const all = guide.data?.materials ?? [];
    return items.flatMap((item) => {
      const m = all.find((x) => x.id === item.material);
      if (!m) return [];
      const reason = item.reason ? { zh: item.reason, en: item.reason } : undefined;
      // A reviewer's reason is shown where the guide's condition would be.
      return [reason ? { ...m, condition: reason } : m];
    });
  }, [guide.data, items]);

  const current = (m: GuideMaterial) => choices[m.id] ?? defaultChoice(m, true);
  // A material only the data hub can give cannot be handed in here; the rest must all be.
  const givable = materials.filter(canSupply);
  const ready = givable.length > 0 && givable.every((m) => isSatisfied(current(m)));
  const uploading = Object.values(busy).some(Boolean);

  function send() {
    const all = Object.fromEntries(givable.map((m) => [m.id, current(m)]));
    supply.mutate(toMaterialEntries(givable, all, language), {
      onSuccess: (view) => {
        void message.success(t('supply.done'));
        setChoices({});
        onDone?.(view);
      },
    });
  }

  if (guide.isError) return <Alert type="error" showIcon title={guide.error.message} />;

  return (
    <section className="supply-form" aria-label={title}>
      <h2 className="section-title">{title}</h2>
      <MaterialChoices
        materials={materials}
        choices={choices}
        onChange={(c) => setChoices((s) => ({ ...s, [c.material]: c }))}
        onBusy={onBusy}
        supplying
      />
      {supply.error instanceof ApiError && (
        <Alert type="error" showIcon role="alert" title={supply.error.message} />
      )}
      <div className="form-actions">
        <Button
          type="primary"
          onClick={send}
          disabled={!ready || uploading}
          loading={supply.isPending}
        >
          {t('supply.submit', { n: givable.length })}
        </Button>
        {!ready && <span className="form-actions__hint">{t('supply.allNeeded')}</span>}
      </div>
    </section>
  );
}
