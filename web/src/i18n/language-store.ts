import { loadDictionary } from './translate';

/** The languages of the web app; Chinese is the default. */
export type Language = 'zh' | 'en';

const STORAGE_KEY = 'onetrip.language';
const HTML_LANG: Record<Language, string> = { zh: 'zh-CN', en: 'en' };
const ACCEPT_LANGUAGE: Record<Language, string> = { zh: 'zh-CN,zh;q=0.9', en: 'en,zh-CN;q=0.5' };

function readStored(): Language {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    // Storage can be blocked (private mode, policies); Chinese is then the answer.
    return 'zh';
  }
}

let current: Language = readStored();
const listeners = new Set<() => void>();

function applyToDocument(language: Language): void {
  document.documentElement.lang = HTML_LANG[language];
}

applyToDocument(current);

/** The current language, readable outside React (the API client sends it). */
export function getLanguage(): Language {
  return current;
}

/** The Accept-Language header value for the current language. */
export function acceptLanguage(): string {
  return ACCEPT_LANGUAGE[current];
}

/**
 * Switches the language once its dictionary is loaded, remembers it in localStorage and
 * updates `<html lang>`. When the dictionary cannot be fetched (offline before it was ever
 * cached) the page stays in the language it is in and the promise rejects.
 */
export async function setLanguage(language: Language): Promise<void> {
  if (language === current) return;
  await loadDictionary(language);
  current = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered across visits; the switch still applies to this page.
  }
  applyToDocument(language);
  for (const listener of listeners) listener();
}

/** Subscribes to language changes (for useSyncExternalStore); returns the unsubscribe. */
export function subscribeLanguage(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Fetches the signed-in desks' messages in the current language (before a desk page renders). */
export function loadDeskMessages(): Promise<void> {
  return loadDictionary(current, true);
}
