export { SESSION_QUERY_KEY, useLogin, useLogout, useSession } from './use-session';
export { useMe } from './use-me';
