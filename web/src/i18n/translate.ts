import { zh, type MessageKey } from './messages.zh';
import type { Language } from './language-store';

/**
 * The dictionaries come in parts: the public messages (every page) and the signed-in desks'
 * (staff pages and the wallet). Chinese public messages are in the entry; every other part is
 * its own chunk, fetched for the current language before a page that needs it renders (the
 * desks' with their pages, English before the switch or before the first render when chosen
 * on an earlier visit). Most visitors, Chinese and anonymous, download neither.
 */
type Part = 'public' | 'desk';
type Dictionary = Partial<Record<MessageKey, string>>;

const IMPORTERS: Record<Language, Record<Part, () => Promise<Dictionary>>> = {
  zh: {
    public: () => Promise.resolve(zh),
    desk: async () => (await import('./desk-messages.zh')).deskZh,
  },
  en: {
    public: async () => (await import('./messages.en')).en,
    desk: async () => (await import('./desk-messages.en')).deskEn,
  },
};

const dictionaries: Record<Language, Dictionary> = { zh: { ...zh }, en: {} };
const loaded = new Set<`${Language}:${Part}`>(['zh:public']);
/** The parts every language switched to must have: the desks' once a desk page was opened. */
const wanted = new Set<Part>(['public']);

/**
 * Fetches the parts of `language`'s dictionary that are not loaded yet: the public messages,
 * and the desks' once they were asked for (`withDesks`, by a desk page) in any language.
 */
export async function loadDictionary(language: Language, withDesks = false): Promise<void> {
  if (withDesks) wanted.add('desk');
  await Promise.all(
    [...wanted].map(async (part) => {
      if (loaded.has(`${language}:${part}`)) return;
      Object.assign(dictionaries[language], await IMPORTERS[language][part]());
      loaded.add(`${language}:${part}`);
    }),
  );
}

/** Values for the `{name}` placeholders of a message. */
export type MessageParams = Record<string, string | number>;

/** A translate function bound to one language. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * The message for `key` in `language`, with `{name}` placeholders filled from `params`;
 * a placeholder without a value is left visible so the omission shows up in review. A part
 * not loaded yet (loadDictionary runs before the pages that need it) falls back to the
 * Chinese, then to the key itself.
 */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[language][key] ?? dictionaries.zh[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
