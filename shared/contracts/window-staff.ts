import { z } from 'zod';

/* Contracts of window-staff (issue #13): filled in by its work. */
export const windowStaffPlaceholderSchema = z.object({});
