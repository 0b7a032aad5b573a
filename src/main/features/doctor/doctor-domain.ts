import type { Domain, DomainContext } from '../domain';
import { DoctorService } from './doctor-service';

export function createDoctorDomain(ctx: DomainContext): Domain & { doctor: DoctorService } {
  const doctor = new DoctorService({ paths: ctx.paths, settings: () => ctx.settings.get(), apiKey: (id) => ctx.settings.apiKey(id), env: ctx.env });
  return {
    name: 'doctor',
    doctor,
    handlers: {
      'doctor.run': async ({ includeEndpoints }) => doctor.run({ includeEndpoints }),
    },
  };
}
