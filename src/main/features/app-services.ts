import { REQUEST_NAMES, type AppInfo, type Handlers } from '../../shared/contract';
import { appPaths, defaultDataDir, type AppPaths } from '../platform/app-paths';
import { createCoreDomain } from './core-domain';
import type { Domain, DomainContext } from './domain';
import { createDoctorDomain } from './doctor/doctor-domain';
import { createDevicesDomain, type DevicesDomain } from './devices/device-domain';
import { createMirrorDomain, type MirrorDomain } from './mirror/mirror-domain';
import { createAgentDomain, type AgentDomain } from './agent/agent-domain';
import { appPhones, createAppCatalog } from './agent/app-operators';
import { openPhoneOperator } from './tasks';
import { FileAnimationLedger } from '../phone/animations/animation-ledger';
import { AnimationLeftovers } from './agent/animation-leftovers';
import type { DoctorService } from './doctor/doctor-service';
import { EventBus } from '../platform/event-bus';
import { FileSecretStore, type SecretCipher } from '../platform/settings/secret-store';
import { createSettingsDomain } from './settings/settings-domain';
import { SettingsStore } from '../platform/settings/settings-store';
import { StreamHub } from '../platform/stream-hub';
import { createTracesDomain, type TracesDomain } from './traces/traces-domain';
import { createVoiceDomain, type VoiceDomain, type VoiceDomainOptions } from './voice/voice-domain';

export interface AppServicesOptions {
  dataDir?: string;
  /** Electron's safeStorage in the app; absent in Node mode (0600 file). */
  secretCipher?: SecretCipher;
  transport: AppInfo['transport'];
  version: string;
  env?: NodeJS.ProcessEnv;
  /** Voice service options (tests: one thread, a spy on the worker process). */
  voice?: Pick<VoiceDomainOptions, 'service'>;
}

/**
 * Every service of the app, wired once. Electron main, the WebSocket bridge and the CLI build
 * this same object; nothing here knows which transport (if any) is in front of it. Each area
 * of the app is a Domain; together they must answer every request of the contract.
 */
export class AppServices {
  readonly paths: AppPaths;
  readonly bus = new EventBus();
  readonly streams = new StreamHub();
  readonly settings: SettingsStore;
  readonly doctor: DoctorService;
  readonly devices: DevicesDomain;
  readonly mirror: MirrorDomain;
  readonly agent: AgentDomain;
  readonly traces: TracesDomain;
  readonly voice: VoiceDomain;
  readonly handlers: Handlers;
  private readonly domains: Domain[];
  private started: Domain[] = [];

  constructor(options: AppServicesOptions) {
    const env = options.env ?? process.env;
    this.paths = appPaths(options.dataDir ?? defaultDataDir(env));
    this.settings = new SettingsStore(this.paths.settingsFile, new FileSecretStore(this.paths.secretsFile, options.secretCipher));
    const ctx: DomainContext = { paths: this.paths, bus: this.bus, streams: this.streams, settings: this.settings, env, transport: options.transport, version: options.version };
    const doctor = createDoctorDomain(ctx);
    this.doctor = doctor.doctor;
    this.domains = [createCoreDomain(ctx), createSettingsDomain(ctx), doctor];
    this.devices = createDevicesDomain(ctx);
    this.mirror = createMirrorDomain(ctx, this.devices);
    this.domains.push(this.devices, this.mirror);
    // After devices and mirror: disposed before them, so runs stop before the phones go away.
    // One app catalog: agent runs, replays and voice prompts list each phone's apps once.
    const apps = createAppCatalog(ctx);
    const ledger = new FileAnimationLedger(this.paths.animationLedgerDir);
    const phones = appPhones(this.devices, this.mirror, apps);
    this.agent = createAgentDomain(ctx, { phones });
    this.domains.push(this.agent);
    const leftovers = new AnimationLeftovers({
      ledger, devices: this.devices, isBusy: (serial) => this.agent.registry.isBusy(serial),
      onError: (serial, error) => this.bus.emit('app.notice', { level: 'warning', message: `Could not put back the animation settings of ${serial} yet (${error.message}); the app tries again when the phone reconnects.` }),
    });
    this.domains.push({ name: 'animation-leftovers', handlers: {}, start: () => leftovers.start(), dispose: () => leftovers.dispose() });
    // Replays borrow phones the same way agent runs do (an operator per replay), with the
    // animations setting asked at each start (it may have changed).
    this.traces = createTracesDomain(ctx, {
      operators: async (serial) => {
        const phone = await phones(serial);
        const operator = await openPhoneOperator(phone, { animationsOff: this.settings.get().agent.animationsOff, animationLedgerDir: this.paths.animationLedgerDir });
        return { operator, release: () => operator.dispose() };
      },
    });
    this.domains.push(this.traces);
    this.voice = createVoiceDomain(ctx, { ...options.voice, phones: { devices: this.devices, catalog: apps } });
    this.domains.push(this.voice);
    this.handlers = composeHandlers(this.domains);
  }

  async start(): Promise<void> {
    const state = await this.settings.load();
    for (const domain of this.domains) {
      await domain.start?.();
      this.started.push(domain);
    }
    if (state.loadProblem) this.bus.emit('app.notice', { level: 'warning', message: state.loadProblem, code: 'settings_corrupt' });
  }

  /** Stops domains in reverse order of start; one failing does not keep the others running. */
  async dispose(): Promise<void> {
    for (const domain of this.started.reverse()) {
      await domain.dispose?.().catch((error: unknown) => process.stderr.write(`dispose ${domain.name}: ${(error as Error).message}\n`));
    }
    this.started = [];
    this.streams.dispose();
  }
}

/** Every request answered by exactly one domain, or the app does not start. */
export function composeHandlers(domains: Domain[]): Handlers {
  const handlers: Partial<Handlers> = {};
  for (const domain of domains) {
    for (const [name, handler] of Object.entries(domain.handlers)) {
      if (name in handlers) throw new Error(`Request ${name} is answered by two domains`);
      (handlers as Record<string, unknown>)[name] = handler;
    }
  }
  const missing = REQUEST_NAMES.filter((name) => !(name in handlers));
  if (missing.length) throw new Error(`No handler for request(s): ${missing.join(', ')}`);
  return handlers as Handlers;
}
