import { en } from './messages.en';
import { zh, type MessageKey, type Messages } from './messages.zh';
import type { Language } from './language-store';

const DICTIONARIES: Record<Language, Messages> = { zh, en };

/** Values for the `{name}` placeholders of a message. */
export type MessageParams = Record<string, string | number>;

/** A translate function bound to one language. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * The message for `key` in `language`, with `{name}` placeholders filled from `params`;
 * a placeholder without a value is left visible so the omission shows up in review.
 */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = DICTIONARIES[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
