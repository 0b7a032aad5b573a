import type { AppInfo } from '../../shared/contract';
import type { Handlers } from '../ipc/router';
import { appPaths, defaultDataDir, type AppPaths } from './app-paths';
import { DoctorService } from './doctor/doctor-service';
import { EventBus } from './event-bus';
import { testEndpoint } from './model/endpoint-tester';
import { FileSecretStore, type SecretCipher } from './settings/secret-store';
import { SettingsStore } from './settings/settings-store';
import { StreamHub } from './streams/stream-hub';
import { AppError } from '../../shared/errors';

export interface AppServicesOptions {
  dataDir?: string;
  /** Electron's safeStorage in the app; absent in Node mode (0600 file). */
  secretCipher?: SecretCipher;
  transport: AppInfo['transport'];
  version: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Every service of the app, wired once. Electron main, the WebSocket bridge and the CLI build
 * this same object; nothing here knows which transport (if any) is in front of it.
 */
export class AppServices {
  readonly paths: AppPaths;
  readonly bus = new EventBus();
  readonly streams = new StreamHub();
  readonly settings: SettingsStore;
  readonly doctor: DoctorService;
  private readonly disposers: Array<() => void | Promise<void>> = [];

  constructor(private readonly options: AppServicesOptions) {
    this.paths = appPaths(options.dataDir ?? defaultDataDir(options.env));
    this.settings = new SettingsStore(this.paths.settingsFile, new FileSecretStore(this.paths.secretsFile, options.secretCipher));
    this.doctor = new DoctorService({
      paths: this.paths,
      settings: () => this.settings.get(),
      apiKey: (id) => this.settings.apiKey(id),
      env: options.env,
    });
  }

  async start(): Promise<void> {
    const state = await this.settings.load();
    this.disposers.push(this.settings.onChange((s) => this.bus.emit('settings.changed', s)));
    if (state.loadProblem) this.bus.emit('app.notice', { level: 'warning', message: state.loadProblem, code: 'settings_corrupt' });
  }

  async dispose(): Promise<void> {
    for (const dispose of this.disposers.splice(0).reverse()) await dispose();
    this.streams.dispose();
  }

  readonly handlers: Handlers = {
    'app.info': async () => ({
      name: 'PhonePilot',
      version: this.options.version,
      transport: this.options.transport,
      platform: process.platform,
      dataDir: this.paths.dataDir,
    }),
    'diagnostics.streamProbe': async ({ count, size }) => {
      const sink = this.streams.open();
      let sent = 0;
      const pump = () => {
        // Sends in small batches so a large probe does not monopolise the event loop.
        for (let batch = 0; batch < 16 && sent < count && !sink.closed; batch++, sent++) {
          const bytes = new Uint8Array(size);
          for (let i = 0; i < size; i++) bytes[i] = (sent + i) & 0xff;
          sink.send(bytes.buffer);
        }
        if (sink.closed) return;
        if (sent < count) setImmediate(pump);
        else sink.end('done');
      };
      // Start once attached, so a slow renderer sees every buffer without the backlog cap.
      const waitAttach = () => (sink.attached ? pump() : sink.closed ? undefined : setTimeout(waitAttach, 5));
      waitAttach();
      return { streamId: sink.id };
    },
    'settings.get': async () => this.settings.state(),
    'settings.update': async (patch) => this.settings.update(patch),
    'endpoints.save': async (input) => this.settings.saveEndpoint(input),
    'endpoints.remove': async ({ id }) => ({ removed: await this.settings.removeEndpoint(id) }),
    'endpoints.test': async (payload) => {
      if ('baseURL' in payload) {
        const apiKey = payload.apiKey || (payload.keyOf ? await this.settings.apiKey(payload.keyOf) : undefined);
        return testEndpoint({ baseURL: payload.baseURL, model: payload.model, apiKey });
      }
      const endpoint = this.settings.endpoint(payload.id);
      if (!endpoint) throw new AppError('not_found', `No endpoint with id ${payload.id}`);
      return testEndpoint({ baseURL: endpoint.baseURL, model: endpoint.model, apiKey: await this.settings.apiKey(endpoint.id) });
    },
    'doctor.run': async ({ includeEndpoints }) => this.doctor.run({ includeEndpoints }),
  };
}
