import { z } from 'zod';
import { request } from './define';

export const DoctorCheck = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['ok', 'warn', 'missing', 'error']),
  /** Missing required checks make `phonepilot doctor` exit non-zero. */
  required: z.boolean(),
  detail: z.string(),
  /** What to do about it, when status is not ok. */
  fix: z.string().optional(),
});
export type DoctorCheck = z.infer<typeof DoctorCheck>;

export const DoctorReport = z.object({
  checks: z.array(DoctorCheck),
  ok: z.boolean(),
  at: z.string(),
});
export type DoctorReport = z.infer<typeof DoctorReport>;

export const doctorRequests = {
  'doctor.run': request(z.object({ includeEndpoints: z.boolean().default(true) }).strict(), DoctorReport),
};
