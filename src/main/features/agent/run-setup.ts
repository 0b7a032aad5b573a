// What an app start needs before the loop can run, in the order a user would fix problems:
// the model endpoint (from settings, with its key, which stays in main), the phone, then the
// task itself, assembled by createTaskRun exactly as the CLI assembles it.
import type { AgentRequestPayload } from './payloads';
import { AppError } from '../../../shared/errors';
import type { ModelEndpoint } from '../../../shared/settings';
import type { ModelClientOptions } from '../../agent';
import type { AppPaths } from '../../platform/app-paths';
import type { SettingsStore } from '../../platform/settings/settings-store';
import { createTaskRun, type TaskPhone } from '../tasks';
import type { TraceFs } from '../traces/trace-writer';
import { ManagedRun, type RunPublisher } from './managed-run';

/** The phone for one run, checked usable (it may hold a mirror subscription once opened). */
export type PhoneFactory = (serial: string) => Promise<TaskPhone>;

export interface RunSetupDeps {
  settings: SettingsStore;
  paths: Pick<AppPaths, 'tracesDir' | 'animationLedgerDir'>;
  phones: PhoneFactory;
  publish: RunPublisher;
  /** Tests: a file system that fails like a full disk. */
  traceFs?: TraceFs;
  /** Tests: shorter model retries. */
  modelOverrides?: Partial<ModelClientOptions>;
  now?: () => number;
}

export function resolveEndpoint(settings: SettingsStore, endpointId: string | undefined): ModelEndpoint {
  const id = endpointId ?? settings.get().activeEndpointId;
  if (!id) throw new AppError('not_found', 'No model endpoint is selected: open Settings, add an endpoint and make it active.', { details: { fix: 'settings' } });
  const endpoint = settings.endpoint(id);
  if (!endpoint) throw new AppError('not_found', `The model endpoint ${id} no longer exists: open Settings and pick another one.`, { details: { fix: 'settings' } });
  return endpoint;
}

export async function prepareRun(deps: RunSetupDeps, payload: AgentRequestPayload<'agent.start'>): Promise<ManagedRun> {
  const endpoint = resolveEndpoint(deps.settings, payload.endpointId);
  const apiKey = await deps.settings.apiKey(endpoint.id);
  const phone = await deps.phones(payload.serial);
  const task = await createTaskRun({
    task: payload.task, source: 'app', phone, paths: deps.paths, agent: deps.settings.get().agent,
    endpoint: { id: endpoint.id, name: endpoint.name, baseURL: endpoint.baseURL, model: endpoint.model, protocol: endpoint.protocol, ...(apiKey ? { apiKey } : {}) },
    secrets: await deps.settings.storedApiKeys(),
    protocol: { ...(payload.lang ? { lang: payload.lang } : {}) },
    limits: {
      ...(payload.maxSteps !== undefined ? { maxSteps: payload.maxSteps } : {}),
      ...(payload.timeoutMinutes !== undefined ? { taskTimeoutMs: Math.round(payload.timeoutMinutes * 60_000) } : {}),
    },
    ...(payload.rerunOf ? { rerunOf: payload.rerunOf } : {}),
    modelOverrides: deps.modelOverrides, traceFs: deps.traceFs, now: deps.now,
  });
  return new ManagedRun({ task, text: payload.task, publish: deps.publish, now: deps.now });
}
