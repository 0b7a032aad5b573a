// One simulated phone behind a real adb server (private port), mirrored through a real
// MirrorSession, driven by the real operator, with the scripted OpenAI-compatible server as the
// model. The "model" computes its replies from what the phone shows at request time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdbClient, type AdbClient } from '../../src/main/phone/adb/adbkit';
import type { HumanInTheLoop, RunOutcome } from '../../src/main/agent';
import { createPhoneOperator, type CreatePhoneOperatorOptions, type OwnedPhoneOperator } from '../../src/main/phone/operators';
import { MirrorSession } from '../../src/main/phone/scrcpy/mirror-session';
import { createTaskRun, type TaskPhone } from '../../src/main/features/tasks';
import { Settings } from '../../src/shared/settings';
import type { AgentRunEvent } from '../../src/shared/agent/events';
import type { UiNode, VirtualPhoneOptions } from '#virtual-phone';
import { startAdbServer, type AdbServerHandle } from './adb-server';
import { startScriptedOpenAI, type ScriptedOpenAI } from './scripted-openai';
import { startConnectedPhone, type ConnectedPhone } from './virtual-phone';
import { writeStandInServer } from './scrcpy-server-file';

export interface Suite {
  adb: AdbServerHandle;
  model: ScriptedOpenAI;
  dir: string;
  /** Any file works as the server jar for the simulated phone; the version file names the protocol. */
  serverFile: string;
  close(): Promise<void>;
}

export async function startSuite(): Promise<Suite> {
  const dir = await mkdtemp(join(tmpdir(), 'pp-agent-phone-'));
  const serverFile = await writeStandInServer(join(dir, 'server'));
  const adb = await startAdbServer();
  const model = await startScriptedOpenAI();
  return {
    adb, model, dir, serverFile,
    close: async () => {
      await model.close();
      await adb.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Rig {
  phone: ConnectedPhone;
  client: AdbClient;
  session?: MirrorSession;
  operator: OwnedPhoneOperator;
  /** The phone as a task sees it: each task opens its own operator (mirrored when the rig is). */
  taskPhone: TaskPhone;
  close(): Promise<void>;
}

export async function startRig(suite: Suite, options: { mirror?: boolean; phone?: VirtualPhoneOptions } = {}): Promise<Rig> {
  const phone = await startConnectedPhone(suite.adb, { ...options.phone, android: { settleMs: 120, ...options.phone?.android } });
  const client = createAdbClient({ port: suite.adb.port });
  let session: MirrorSession | undefined;
  try {
    if (options.mirror !== false) {
      session = new MirrorSession({ client, serial: phone.serial, server: { path: suite.serverFile, version: '3.3.4' }, restart: { attempts: 1, minDelayMs: 50 } });
      await session.start();
    }
  } catch (error) {
    await phone.stop();
    throw error;
  }
  const open = (animationsOff?: CreatePhoneOperatorOptions['animationsOff']) => createPhoneOperator({
    client, serial: phone.serial, mirror: session, scrcpyServer: { path: suite.serverFile, version: '3.3.4' }, ...(animationsOff ? { animationsOff } : {}),
  });
  const operator = open();
  return {
    phone, client, session, operator,
    taskPhone: { serial: phone.serial, model: 'PhonePilot Virtual', mirrored: session !== undefined, openOperator: (o) => open(o.animationsOff) },
    close: async () => {
      await operator.dispose();
      await session?.dispose();
      await phone.stop();
    },
  };
}

export const approveAll: HumanInTheLoop = { confirm: async () => true, takeOver: async () => undefined, ask: async () => '' };

export interface RunAgentOptions {
  human?: HumanInTheLoop;
  /** Where the task's trace folder goes (default: the suite's folder). */
  tracesDir?: string;
  timeoutMs?: number;
  /** Another model server than the suite's (a test that takes it down). */
  baseURL?: string;
  onEvent?: (event: AgentRunEvent) => void;
}

/** One task on the rig's phone, assembled by createTaskRun as the app and the CLI assemble it. */
export async function runAgent(suite: Suite, rig: Rig, task: string, options: RunAgentOptions = {}): Promise<{ outcome: RunOutcome; traceDir: string }> {
  const baseURL = options.baseURL ?? suite.model.baseURL;
  const taskRun = await createTaskRun({
    task, source: 'test', phone: rig.taskPhone,
    endpoint: { name: 'scripted', baseURL, model: 'scripted-model', protocol: 'autoglm' },
    paths: { tracesDir: options.tracesDir ?? suite.dir, animationLedgerDir: join(suite.dir, 'phone-animations') },
    agent: { ...Settings.parse({ version: 1 }).agent, lang: 'en', animationsOff: false },
    protocol: { maxImagePixels: 400_000 },
    limits: { modelTimeoutMs: options.timeoutMs ?? 20_000 },
    modelOverrides: { maxRetries: 1, backoff: { baseMs: 1, maxMs: 2 } },
  });
  const run = taskRun.agentRun({ human: options.human ?? approveAll });
  if (options.onEvent) run.on(options.onEvent);
  try {
    return { outcome: await run.start(), traceDir: taskRun.traceDir };
  } finally {
    await taskRun.dispose();
  }
}

// ---- the scripted model's eyes: the phone's accessibility tree at request time ----------

export function flatten(n: UiNode, out: UiNode[] = []): UiNode[] {
  out.push(n);
  for (const c of n.children) flatten(c, out);
  return out;
}

export function findNode(rig: Rig, pred: (n: UiNode) => boolean, what: string): UiNode {
  const node = flatten(rig.phone.phone.android.uiTree()).find(pred);
  if (!node) throw new Error(`scripted model: ${what} is not on screen`);
  return node;
}

/** The clickable element that contains a text label. */
export function clickableWith(rig: Rig, label: string): UiNode {
  const text = findNode(rig, (n) => n.text === label || n.contentDesc === label, label);
  return findNode(rig, (n) => n.clickable && n.bounds[0] <= text.bounds[0] && n.bounds[1] <= text.bounds[1] && n.bounds[2] >= text.bounds[2] && n.bounds[3] >= text.bounds[3], `clickable ${label}`);
}

export function byId(rig: Rig, id: string): UiNode {
  return findNode(rig, (n) => n.resourceId === id || n.resourceId.endsWith(`:id/${id}`), `#${id}`);
}

/** Centre of a node on AutoGLM's 0..999 grid. */
export function rel(rig: Rig, n: UiNode): string {
  const { width, height } = rig.phone.phone.android.size;
  return `[${Math.round(((n.bounds[0] + n.bounds[2]) / 2 / width) * 1000)},${Math.round(((n.bounds[1] + n.bounds[3]) / 2 / height) * 1000)}]`;
}

export function tapReply(rig: Rig, node: UiNode, thought: string, sensitive?: string): { content: string } {
  const message = sensitive ? `, message="${sensitive}"` : '';
  return { content: `<think>${thought}</think><answer>do(action="Tap", element=${rel(rig, node)}${message})</answer>` };
}

/** Taps a node through `adb shell input tap`, as a user's finger would (take-over steps). */
export async function userTap(rig: Rig, node: UiNode): Promise<void> {
  const x = Math.round((node.bounds[0] + node.bounds[2]) / 2);
  const y = Math.round((node.bounds[1] + node.bounds[3]) / 2);
  const r = await rig.phone.adb(['shell', 'input', 'tap', String(x), String(y)]);
  if (r.code !== 0) throw new Error(`input tap failed: ${r.stderr}`);
}

export function doReply(call: string, thought = 'Next.'): { content: string } {
  return { content: `<think>${thought}</think><answer>${call}</answer>` };
}
