import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, NETWORK_ERROR_STATUS } from '../api';
import { SESSION_QUERY_KEY } from '../features/auth';

/**
 * The app's QueryClient: retries only when the network failed (never a 4xx), and when any
 * query learns the session has ended (401) it marks the session signed out, which sends
 * the visitor to the login page.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (
          error instanceof ApiError &&
          error.status === 401 &&
          query.queryKey[0] !== SESSION_QUERY_KEY[0]
        ) {
          client.setQueryData(SESSION_QUERY_KEY, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) =>
          error instanceof ApiError && error.status === NETWORK_ERROR_STATUS && failures < 2,
      },
    },
  });
  return client;
}
