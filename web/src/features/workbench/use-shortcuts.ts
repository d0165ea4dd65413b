import { useEffect, useRef } from 'react';

/** A key (as `KeyboardEvent.key`, lowercase for letters) and what it does. */
export type Shortcuts = Record<string, () => void>;

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return (
    target.isContentEditable ||
    tag === 'INPUT' ||
    tag === 'TEXTAREA' ||
    tag === 'SELECT' ||
    target.getAttribute('role') === 'combobox'
  );
}

function dialogOpen(): boolean {
  return Array.from(
    document.querySelectorAll<HTMLElement>('.ant-modal-wrap, .ant-drawer-open'),
  ).some((el) => getComputedStyle(el).display !== 'none');
}

/**
 * Single-key shortcuts on the page (no modifier), ignored while typing in a field or while a
 * dialog is open, so a reviewer's "a" in a comment never approves a task.
 */
export function useShortcuts(shortcuts: Shortcuts, enabled = true): void {
  const current = useRef(shortcuts);
  current.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      if (typing(event.target)) return;
      if (dialogOpen()) return;
      const action = current.current[event.key.length === 1 ? event.key.toLowerCase() : event.key];
      if (!action) return;
      event.preventDefault();
      action();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
