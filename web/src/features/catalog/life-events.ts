import type { LifeEvent } from '@contracts/catalog';
import type { MessageKey } from '../../i18n';

/** Life events in browsing order: the six of a person's life first, then the rest. */
export const LIFE_EVENT_ORDER: readonly LifeEvent[] = [
  'birth',
  'school',
  'employment',
  'company',
  'retirement',
  'death',
  'marriage',
  'property',
  'investment',
];

/** The message key naming a life event (出生, 上学, …). */
export function lifeEventKey(event: LifeEvent): MessageKey {
  return `lifeEvent.${event}`;
}

/** Whether a string is a life event code (for URL parameters). */
export function isLifeEvent(value: string | null): value is LifeEvent {
  return value !== null && (LIFE_EVENT_ORDER as readonly string[]).includes(value);
}
