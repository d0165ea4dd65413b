/** The query parameter of /login naming the page to return to after signing in. */
export const NEXT_PARAM = 'next';

function hasUnsafeCharacter(value: string): boolean {
  // Browsers read a backslash as a slash ("/\evil.example") and drop tabs and newlines.
  return [...value].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

/**
 * `value` when it is an address inside this app ("/matters/x?q=1"), otherwise null: it
 * must start with exactly one `/` (never `//host` or a full URL), hold no backslash or
 * control character, and resolve to this origin, so `?next=` cannot send anyone to another
 * site (open redirect). Never throws.
 */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return null;
  if (hasUnsafeCharacter(value)) return null;
  const origin = window.location.origin;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : null;
}

/** The login address that returns to `path` afterwards; plain /login for the home. */
export function loginPath(path: string): string {
  const next = safeNextPath(path);
  if (!next || next === '/' || next === '/login' || next.startsWith('/login?')) return '/login';
  return `/login?${new URLSearchParams({ [NEXT_PARAM]: next }).toString()}`;
}
