/** Chinese messages of supervision (issue #13). */
export const supervisionZh = {
  'supervision.title': '效能看板',
} as const;
