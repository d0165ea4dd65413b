/** Chinese messages of window-staff (issue #13). */
export const windowStaffZh = {
  'windowStaff.title': '窗口积分',
} as const;
