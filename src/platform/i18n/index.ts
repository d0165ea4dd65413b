import type { Bilingual } from '../errors/index.js';

/** The languages the platform speaks. Chinese is the default. */
export type Language = 'zh' | 'en';

/**
 * Picks the language from an Accept-Language header: English only when the client prefers it
 * over Chinese; Chinese otherwise (the platform's audience reads Chinese first).
 */
export function negotiateLanguage(header: string | undefined): Language {
  if (!header) return 'zh';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((r) => r.tag && Number.isFinite(r.q))
    .sort((a, b) => b.q - a.q);
  for (const r of ranked) {
    if (r.tag.startsWith('zh')) return 'zh';
    if (r.tag.startsWith('en')) return 'en';
  }
  return 'zh';
}

/** The message of a bilingual pair in the chosen language. */
export function pick(messages: Bilingual, lang: Language): string {
  return messages[lang];
}
