import { z } from 'zod';

/* Contracts of inter-department (issue #13): filled in by its work. */
export const interDepartmentPlaceholderSchema = z.object({});
