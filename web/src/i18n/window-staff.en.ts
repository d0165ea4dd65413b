import type { windowStaffZh } from './window-staff.zh';

/** English messages of window-staff (issue #13). */
export const windowStaffEn: Record<keyof typeof windowStaffZh, string> = {
  'windowStaff.title': 'Window points',
};
