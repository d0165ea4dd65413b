import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BilingualText } from '@contracts/catalog';
import { apiGet, apiPost, type ApiError } from '../../api';

/** One message of the inbox (`GET /api/v1/notifications`). */
export interface Notification {
  id: string;
  type: string;
  title: BilingualText;
  body: BilingualText;
  applicationId: string | null;
  receiptNo: string | null;
  read: boolean;
  createdAt: string;
}

/** The inbox and its unread count. */
export interface Inbox {
  items: Notification[];
  unread: number;
}

const INBOX_KEY = ['notifications'] as const;

/** The account's inbox, newest first; refreshed every half minute while the app is open. */
export function useInbox(enabled = true) {
  return useQuery<Inbox, ApiError>({
    queryKey: INBOX_KEY,
    queryFn: ({ signal }) => apiGet<Inbox>('/api/v1/notifications?limit=100', signal),
    refetchInterval: 30_000,
    enabled,
  });
}

/** Marks one notification read by id, or all of them with `'all'`. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) =>
      id === 'all'
        ? apiPost<void>('/api/v1/notifications/read-all')
        : apiPost<void>(`/api/v1/notifications/${encodeURIComponent(id)}/read`),
    onMutate: (id) => {
      client.setQueryData<Inbox>(INBOX_KEY, (inbox) => {
        if (!inbox) return inbox;
        const items = inbox.items.map((n) =>
          id === 'all' || n.id === id ? { ...n, read: true } : n,
        );
        return { items, unread: items.filter((n) => !n.read).length };
      });
    },
    onSettled: () => client.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}
