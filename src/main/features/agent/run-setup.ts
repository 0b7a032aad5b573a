// Everything a start needs before the loop can run, in the order a user would fix problems:
// the model endpoint (from settings, with its key, which stays in main), the phone (an
// operator lease), the trace folder (one per task, named by a sortable id). What was acquired
// is released again when a later part fails, so a failed start leaves nothing behind.
import { join } from 'node:path';
import type { AgentRequestPayload } from './payloads';
import { AppError } from '../../../shared/errors';
import type { ModelEndpoint } from '../../../shared/settings';
import { AgentRun, createProtocolAdapter, modelClientOptionsFor, modelSettingsForTrace, OpenAIModelClient, type ModelClientOptions, type PhoneOperator } from '../../agent';
import type { SettingsStore } from '../../platform/settings/settings-store';
import { newTraceId } from '../traces/trace-id';
import { TraceWriter, type TraceFs } from '../traces/trace-writer';
import { ManagedRun, type RunPublisher } from './managed-run';

/** The phone for one run; released when the run ends (it may hold a mirror subscription). */
export interface OperatorLease {
  operator: PhoneOperator;
  /** The phone's model name, recorded in the trace. */
  model: string;
  release(): Promise<void>;
}

export type OperatorFactory = (serial: string) => Promise<OperatorLease>;

export interface RunSetupDeps {
  settings: SettingsStore;
  tracesDir: string;
  operators: OperatorFactory;
  publish: RunPublisher;
  /** Tests: a file system that fails like a full disk. */
  traceFs?: TraceFs;
  /** Tests: shorter model retries. */
  modelOverrides?: Partial<ModelClientOptions>;
  now?: () => number;
}

export interface PreparedRun {
  run: ManagedRun;
  lease: OperatorLease;
}

const DEFAULT_TIMEOUT_MINUTES = 30;

export function resolveEndpoint(settings: SettingsStore, endpointId: string | undefined): ModelEndpoint {
  const id = endpointId ?? settings.get().activeEndpointId;
  if (!id) throw new AppError('not_found', 'No model endpoint is selected: open Settings, add an endpoint and make it active.', { details: { fix: 'settings' } });
  const endpoint = settings.endpoint(id);
  if (!endpoint) throw new AppError('not_found', `The model endpoint ${id} no longer exists: open Settings and pick another one.`, { details: { fix: 'settings' } });
  return endpoint;
}

export async function prepareRun(deps: RunSetupDeps, payload: AgentRequestPayload<'agent.start'>): Promise<PreparedRun> {
  const endpoint = resolveEndpoint(deps.settings, payload.endpointId);
  const apiKey = await deps.settings.apiKey(endpoint.id);
  const agentSettings = deps.settings.get().agent;
  const lang = payload.lang ?? agentSettings.lang;
  const maxSteps = payload.maxSteps ?? agentSettings.maxSteps;
  const timeoutMinutes = payload.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
  const lease = await deps.operators(payload.serial);
  try {
    const runId = newTraceId((deps.now ?? Date.now)());
    const traceDir = join(deps.tracesDir, runId);
    // The key is handed to the writer as a secret so a line containing it is refused.
    const writer = await TraceWriter.open(traceDir, { fs: deps.traceFs, secrets: apiKey ? [apiKey] : [] });
    const modelOptions = modelClientOptionsFor(endpoint, apiKey, deps.modelOverrides);
    const run = new ManagedRun({
      runId, serial: payload.serial, task: payload.task, maxSteps, traceDir, trace: writer, publish: deps.publish, now: deps.now,
      endpoint: { id: endpoint.id, name: endpoint.name, model: endpoint.model },
      createRun: ({ human, trace }) => new AgentRun({
        task: payload.task, taskId: runId, operator: lease.operator, human, trace,
        model: new OpenAIModelClient(modelOptions),
        adapter: createProtocolAdapter(endpoint.protocol, { autoglm: { lang }, uitars: { lang }, generic: { setOfMarks: true } }),
        meta: {
          device: { serial: payload.serial, model: lease.model },
          endpoint: { name: endpoint.name, baseURL: endpoint.baseURL, model: endpoint.model },
          settings: { lang, animationsOff: agentSettings.animationsOff, ...modelSettingsForTrace(modelOptions), ...(payload.rerunOf ? { rerunOf: payload.rerunOf } : {}) },
        },
        maxSteps, taskTimeoutMs: Math.round(timeoutMinutes * 60_000),
      }),
    });
    return { run, lease };
  } catch (error) {
    await lease.release().catch(() => undefined);
    throw error;
  }
}
