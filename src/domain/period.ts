import { z } from 'zod';

/** A duration in the policy: Vietnamese working days by default, or plain seconds (tests, demos). */
export const periodSchema = z.union([
  z.object({ workingDays: z.number().int().min(0).max(365) }).strict(),
  z
    .object({
      seconds: z
        .number()
        .int()
        .min(1)
        .max(366 * 86400),
    })
    .strict(),
]);
export type Period = z.infer<typeof periodSchema>;
