import { zh, type MessageKey, type Messages } from './messages.zh';
import type { Language } from './language-store';

// Chinese is in the entry; English is its own chunk, fetched when a visitor switches to it (or
// before the first render when they chose it on an earlier visit), so Chinese visitors, the
// most, do not download it.
const dictionaries: Partial<Record<Language, Messages>> = { zh };

/** Fetches the dictionary of `language` if it is not loaded yet. */
export async function loadDictionary(language: Language): Promise<void> {
  if (dictionaries[language]) return;
  if (language === 'en') dictionaries.en = (await import('./messages.en')).en;
}

/** Values for the `{name}` placeholders of a message. */
export type MessageParams = Record<string, string | number>;

/** A translate function bound to one language. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * The message for `key` in `language`, with `{name}` placeholders filled from `params`;
 * a placeholder without a value is left visible so the omission shows up in review. Until a
 * language's dictionary is loaded (setLanguage waits for it), its messages are the Chinese.
 */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = (dictionaries[language] ?? zh)[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
