// THE assembly of one agent task, used by the app (agent.start), the CLI (`phonepilot run`),
// tests and benchmarks: from a task, an endpoint and a phone it builds the model client, the
// protocol adapter with its options, the trace writer with its secrets guard, the operator
// (animations off or not) and the limits, so the same endpoint behaves the same wherever it is
// started. Callers choose WHAT (endpoint, phone, overrides); everything about HOW is decided here.
//
// Extending: a new way of deciding actions (a planner naming targets and a grounder turning
// them into pixels) is a new TaskMode below plus its case in `decisionMaker`; nothing else here
// or in the callers changes.
import { join } from 'node:path';
import type { ModelProtocol, Settings } from '../../shared/settings';
import {
  AgentRun, createProtocolAdapter, modelClientOptionsFor, modelSettingsForTrace, OpenAIModelClient,
  type DenyPolicy, type HumanInTheLoop, type ModelClient, type ModelClientOptions, type ProtocolAdapter, type TraceSink,
} from '../agent';
import type { AnimationLedger } from '../phone/animations/phone-animations';
import { FileAnimationLedger } from '../phone/animations/animation-ledger';
import type { OwnedPhoneOperator } from '../phone/operators';
import { newTraceId } from './traces/trace-id';
import { TraceWriter, type TraceFs } from './traces/trace-writer';

/** Who started the task (recorded in the trace). */
export type TaskSource = 'app' | 'cli' | 'bench' | 'test';

/** The model endpoint as resolved by the caller (saved in Settings, or given on the command line). */
export interface TaskEndpoint {
  /** The saved endpoint's id; absent for one given on the command line. */
  id?: string;
  name: string;
  baseURL: string;
  model: string;
  protocol: ModelProtocol;
  /** Goes to this endpoint only (the SDK's Authorization header); never traced, printed or published. */
  apiKey?: string;
}

/** The phone a task drives: who it is, and its operator, opened for this task. */
export interface TaskPhone {
  serial: string;
  /** The phone's model name, recorded in the trace. */
  model: string;
  /** True when screens and actions go over the scrcpy mirror (recorded in the trace). */
  mirrored?: boolean;
  /**
   * The operator for this task; `animationsOff` asks for the phone's animation scales at 0 while
   * it lives (restored by its dispose). The task disposes it when it ends.
   */
  openOperator(options: { animationsOff?: { ledger: AnimationLedger } }): OwnedPhoneOperator | Promise<OwnedPhoneOperator>;
}

/**
 * How actions are decided. 'direct': the endpoint's protocol (AutoGLM, UI-TARS, generic tools)
 * answers with an action in screen coordinates.
 */
export type TaskMode = { kind: 'direct' };

/** What the task's protocol adapter is told (defaults: the saved agent settings). */
export interface TaskProtocolOptions {
  lang?: 'zh' | 'en';
  /** Generic protocol: numbered element boxes from the UI tree on the screenshot (default on). */
  setOfMarks?: boolean;
  /** Pixel budget of the screenshot sent to the model (tests keep it small). */
  maxImagePixels?: number;
}

export interface TaskLimits {
  maxSteps?: number;
  taskTimeoutMs?: number;
  settleTimeoutMs?: number;
  /** Per model reply (the client's timeout). */
  modelTimeoutMs?: number;
}

export interface TaskRunConfig {
  task: string;
  endpoint: TaskEndpoint;
  phone: TaskPhone;
  source: TaskSource;
  /** Traces go to `<tracesDir>/<task id>`; the animation ledger lives in `animationLedgerDir`. */
  paths: { tracesDir: string; animationLedgerDir: string };
  /** The saved agent settings: the defaults of everything below. */
  agent: Settings['agent'];
  mode?: TaskMode;
  protocol?: TaskProtocolOptions;
  limits?: TaskLimits;
  /** Overrides agent.animationsOff (`--keep-animations` passes false). */
  animationsOff?: boolean;
  /** Every other key that must never be written or shown (the other endpoints' stored keys). */
  secrets?: readonly string[];
  denyPolicy?: DenyPolicy;
  /** The trace this task runs again (History > Run again). */
  rerunOf?: string;
  /** Tests: shorter model retries. */
  modelOverrides?: Partial<ModelClientOptions>;
  /** Tests: a file system that fails like a full disk. */
  traceFs?: TraceFs;
  now?: () => number;
}

export interface TaskRun {
  readonly taskId: string;
  readonly traceDir: string;
  readonly serial: string;
  readonly endpoint: { id?: string; name: string; model: string };
  readonly maxSteps: number;
  /** The task's trace file (the run writes it; wrappers such as StepScreens sit on it). */
  readonly trace: TraceWriter;
  /** The core loop, built once, with its human in the loop and the sink it writes to (default: `trace`). */
  agentRun(parts: { human: HumanInTheLoop; trace?: TraceSink; signal?: AbortSignal }): AgentRun;
  /** Stops the loop if it runs, gives the phone back (animations restored), closes the trace. Idempotent. */
  dispose(): Promise<void>;
}

export const DEFAULT_TASK_TIMEOUT_MS = 30 * 60_000;

/** The adapter and model client for a mode. */
function decisionMaker(mode: TaskMode, endpoint: TaskEndpoint, o: { protocol: Required<Pick<TaskProtocolOptions, 'lang' | 'setOfMarks'>> & TaskProtocolOptions; client: ModelClientOptions }): { adapter: ProtocolAdapter; model: ModelClient } {
  switch (mode.kind) {
    case 'direct': {
      const { lang, setOfMarks, maxImagePixels } = o.protocol;
      const pixels = maxImagePixels !== undefined ? { maxImagePixels } : {};
      return {
        adapter: createProtocolAdapter(endpoint.protocol, { autoglm: { lang, ...pixels }, uitars: { lang, ...pixels }, generic: { setOfMarks, ...pixels } }),
        model: new OpenAIModelClient(o.client),
      };
    }
  }
}

/**
 * The operator of whatever drives a phone for a while (a task, a replay): with the animation
 * scales at 0 for as long as it lives when `animationsOff`, the user's values kept in the ledger.
 */
export function openPhoneOperator(phone: TaskPhone, o: { animationsOff: boolean; animationLedgerDir: string }): Promise<OwnedPhoneOperator> {
  return Promise.resolve(phone.openOperator(o.animationsOff ? { animationsOff: { ledger: new FileAnimationLedger(o.animationLedgerDir) } } : {}));
}

/**
 * Opens the trace folder and the phone's operator and returns the task, ready to run. What was
 * opened is closed again when a later part fails, so a failed start leaves nothing behind.
 */
export async function createTaskRun(config: TaskRunConfig): Promise<TaskRun> {
  const { endpoint, phone, agent } = config;
  const mode = config.mode ?? { kind: 'direct' };
  const lang = config.protocol?.lang ?? agent.lang;
  const setOfMarks = config.protocol?.setOfMarks ?? true;
  const maxSteps = config.limits?.maxSteps ?? agent.maxSteps;
  const taskTimeoutMs = config.limits?.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
  const animationsOff = config.animationsOff ?? agent.animationsOff;
  const secrets = [...new Set([...(endpoint.apiKey ? [endpoint.apiKey] : []), ...(config.secrets ?? [])])];
  // The client scrubs every key from what the endpoint says, before anything is traced or shown.
  const client = modelClientOptionsFor(endpoint, endpoint.apiKey, {
    secrets,
    ...(config.limits?.modelTimeoutMs !== undefined ? { timeoutMs: config.limits.modelTimeoutMs } : {}),
    ...config.modelOverrides,
  });

  // The phone first: a phone that cannot be reached leaves no empty trace folder behind.
  const operator = await openPhoneOperator(phone, { animationsOff, animationLedgerDir: config.paths.animationLedgerDir });
  const taskId = newTraceId((config.now ?? Date.now)());
  const traceDir = join(config.paths.tracesDir, taskId);
  let trace: TraceWriter;
  try {
    // Every known key is a secret to the writer: a line containing one is refused.
    trace = await TraceWriter.open(traceDir, { fs: config.traceFs, secrets });
  } catch (error) {
    await operator.dispose().catch(() => undefined);
    throw error;
  }

  let run: AgentRun | undefined;
  let disposed: Promise<void> | undefined;
  return {
    taskId, traceDir, serial: phone.serial, maxSteps, trace,
    endpoint: { ...(endpoint.id ? { id: endpoint.id } : {}), name: endpoint.name, model: endpoint.model },
    agentRun({ human, trace: sink, signal }) {
      if (run) throw new Error('createTaskRun: agentRun() was already called for this task');
      if (disposed) throw new Error('createTaskRun: this task was disposed');
      const { adapter, model } = decisionMaker(mode, endpoint, { protocol: { ...config.protocol, lang, setOfMarks }, client });
      run = new AgentRun({
        task: config.task, taskId, operator, human, trace: sink ?? trace, model, adapter, signal,
        meta: {
          device: { serial: phone.serial, model: phone.model },
          endpoint: { name: endpoint.name, baseURL: endpoint.baseURL, model: endpoint.model },
          settings: {
            ...modelSettingsForTrace(client), lang, mode: mode.kind, animationsOff, source: config.source,
            ...(endpoint.protocol === 'generic' ? { setOfMarks } : {}),
            ...(phone.mirrored !== undefined ? { mirror: phone.mirrored } : {}),
            ...(config.rerunOf ? { rerunOf: config.rerunOf } : {}),
          },
        },
        maxSteps, taskTimeoutMs, settleTimeoutMs: config.limits?.settleTimeoutMs, denyPolicy: config.denyPolicy,
      });
      return run;
    },
    dispose() {
      disposed ??= (async () => {
        try {
          await run?.dispose();
        } finally {
          await operator.dispose().catch(() => undefined);
          // A run that was never started never closed its trace.
          await trace.close().catch(() => undefined);
        }
      })();
      return disposed;
    },
  };
}

