import { useCallback } from 'react';
import type { BilingualText, PromisedLimit } from '@contracts/catalog';
import { useLanguage, useT } from '../../i18n';

/** Picks the current language's side of a `{ zh, en }` text from the API. */
export function useBi(): (text: BilingualText | null | undefined) => string {
  const language = useLanguage();
  return useCallback((text) => (text ? text[language] : ''), [language]);
}

/** "1 个工作日" / "4 working hours" for a promised or legal limit; "—" for none. */
export function useLimitText(): (limit: PromisedLimit | null | undefined) => string {
  const t = useT();
  return useCallback(
    (limit) => {
      if (!limit) return t('guide.noLegalLimit');
      if ('workingDays' in limit) return t('guide.workingDays', { n: limit.workingDays });
      return t('guide.workingHours', { n: limit.workingHours });
    },
    [t],
  );
}
