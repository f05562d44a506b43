import { z } from 'zod';

/**
 * A name that keys the per-item rows and report.json objects (candidates, scorers): `__proto__` would set the
 * prototype of those objects instead of a key, so the candidate's results would vanish from the reports.
 */
export const recordKeyName = z
  .string()
  .min(1)
  .refine((name) => name !== '__proto__', { message: '"__proto__" cannot be used as a name' });
