import { Alert } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { CalendarStatusView } from '@contracts/calendar';
import { apiGet, type ApiError } from '../../api';
import { useBi } from '../catalog/bilingual';

/**
 * The administrator's warning from 1 October when next year's holiday notice is not loaded:
 * deadlines into that year are provisional (预计) until `onetrip calendar add-year`.
 */
export function CalendarWarning() {
  const bi = useBi();
  const status = useQuery<CalendarStatusView, ApiError>({
    queryKey: ['calendar', 'status'],
    queryFn: ({ signal }) => apiGet<CalendarStatusView>('/api/v1/calendar/status', signal),
    staleTime: 10 * 60_000,
  });
  const warning = status.data?.warning;
  if (!warning) return null;
  return <Alert type="warning" showIcon className="home__warning" message={bi(warning)} />;
}
