import type { interDepartmentZh } from './inter-department.zh';

/** English messages of inter-department (issue #13). */
export const interDepartmentEn: Record<keyof typeof interDepartmentZh, string> = {
  'interDepartment.title': 'Inter-department matters',
};
