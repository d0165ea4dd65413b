import type { supervisionZh } from './supervision.zh';

/** English messages of supervision (issue #13). */
export const supervisionEn: Record<keyof typeof supervisionZh, string> = {
  'supervision.title': 'Dashboards',
};
