import type { Me } from '@contracts/auth';
import { useSession } from './use-session';

/**
 * The signed-in account, for pages under RequireSession; throws if called where nobody is
 * signed in (a programming error, not a user's).
 */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe() used outside a signed-in route');
  return data;
}

/** The signed-in account, or null for a visitor (public pages, under SessionBoundary). */
export function useAccount(): Me | null {
  return useSession().data ?? null;
}
