/**
 * Registers the service worker that keeps the app's shell for the installed app (manifest +
 * sw.js in web/public). Only in a production build, where the shell's files have stable
 * names; a browser without service workers, or a refusal, simply runs without one.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Not installable here (private mode, an http origin other than localhost): no harm.
    });
  });
}
