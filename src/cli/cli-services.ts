import { AppServices } from '../main/features/app-services';
import { APP_VERSION } from '../main/platform/version';

/** The app's services for one CLI command; same settings, secrets and traces as the app. */
export async function openCliServices(env: NodeJS.ProcessEnv): Promise<AppServices> {
  const services = new AppServices({ transport: 'cli', version: APP_VERSION, env });
  await services.start();
  return services;
}
