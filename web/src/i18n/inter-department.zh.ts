/** Chinese messages of inter-department (issue #13). */
export const interDepartmentZh = {
  'interDepartment.title': '部门间办事',
} as const;
