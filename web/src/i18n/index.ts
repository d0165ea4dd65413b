import { useCallback, useSyncExternalStore } from 'react';
import { getLanguage, setLanguage, subscribeLanguage, type Language } from './language-store';
import { translate, type Translate } from './translate';

export {
  acceptLanguage,
  getLanguage,
  loadDeskMessages,
  setLanguage,
  type Language,
} from './language-store';
export { loadDictionary, translate, type MessageParams, type Translate } from './translate';
export type { MessageKey } from './messages.zh';

/** The current language; re-renders the component when it changes. */
export function useLanguage(): Language {
  return useSyncExternalStore(subscribeLanguage, getLanguage, getLanguage);
}

/** The translate function for the current language: `t('login.title')`. */
export function useT(): Translate {
  const language = useLanguage();
  return useCallback<Translate>((key, params) => translate(language, key, params), [language]);
}

/** The language and a toggle between Chinese and English, for the language switch. */
export function useLanguageSwitch(): { language: Language; toggle: () => void } {
  const language = useLanguage();
  const toggle = useCallback(() => {
    // A failed fetch of the other dictionary leaves the page as it is; the next click retries.
    setLanguage(getLanguage() === 'zh' ? 'en' : 'zh').catch(() => undefined);
  }, []);
  return { language, toggle };
}
