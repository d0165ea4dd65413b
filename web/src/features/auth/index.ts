export { SESSION_QUERY_KEY, useLogin, useLogout, useSession } from './use-session';
export { useAccount, useMe } from './use-me';
export { NEXT_PARAM, loginPath, safeNextPath } from './next-path';
