// One agent run as the app holds it: the core AgentRun plus what the UI needs around it: its
// info snapshot (state, steps, outcome), the human-in-the-loop prompts with the screen the
// model saw, and its screenshots. Everything it learns is published through RunPublisher; it
// never talks to a transport itself.
import type { AgentRunEvent } from '../../../shared/agent/events';
import type { TraceEvent } from '../../../shared/agent/trace';
import type { AgentPrompt, AgentRunInfo } from '../../../shared/contract/agent';
import type { AgentRun, RunOutcome } from '../../agent';
import type { TaskRun } from '../tasks';
import { StepScreens } from './step-screens';
import { thumbnail, type Thumbnail } from './thumbnail';
import { UiHumanLoop, type PendingPrompt, type PromptResponse } from './ui-human';

export interface RunPublisher {
  event(runId: string, serial: string, event: AgentRunEvent): void;
  prompt(prompt: AgentPrompt): void;
  info(info: AgentRunInfo): void;
}

export interface ManagedRunOptions {
  /** The assembled task (createTaskRun); the managed run owns it and disposes it. */
  task: TaskRun;
  /** The task as the user typed it. */
  text: string;
  publish: RunPublisher;
  now?: () => number;
}

/** Longest side of the screenshot in a prompt: enough to read a price or a button label. */
const PROMPT_IMAGE_SIDE = 640;

export class ManagedRun {
  readonly runId: string;
  readonly serial: string;
  private readonly screens: StepScreens;
  private readonly human: UiHumanLoop;
  private readonly run: AgentRun;
  private readonly unsubscribe: () => void;
  private readonly infoValue: AgentRunInfo;
  private announced: AgentPrompt | null = null;
  private ended: Promise<RunOutcome> | null = null;
  /** Every trace event so far (a few per step), for windows that join late. */
  private readonly traced: TraceEvent[] = [];

  constructor(private readonly options: ManagedRunOptions) {
    const { task } = options;
    this.runId = task.taskId;
    this.serial = task.serial;
    this.infoValue = {
      runId: task.taskId, serial: task.serial, task: options.text, endpoint: { id: task.endpoint.id ?? '', name: task.endpoint.name, model: task.endpoint.model },
      state: 'idle', steps: 0, maxSteps: task.maxSteps, startedAt: (options.now ?? Date.now)(), traceDir: task.traceDir, pendingPrompt: null, outcome: null,
    };
    this.screens = new StepScreens(task.trace, task.traceDir);
    this.human = new UiHumanLoop({ onChange: (p) => this.onPrompt(p), currentStep: () => this.run.stepCount });
    this.run = task.agentRun({ human: this.human, trace: this.screens });
    this.unsubscribe = this.run.on((e) => this.onEvent(e));
  }

  get info(): AgentRunInfo {
    return { ...this.infoValue };
  }

  get history(): TraceEvent[] {
    return [...this.traced];
  }

  get active(): boolean {
    return this.infoValue.outcome === null;
  }

  /** The prompt waiting for the user, as announced (with its screenshot). */
  get prompt(): AgentPrompt | null {
    return this.announced;
  }

  /** Starts the loop; resolves with the outcome once the run ended (never rejects). */
  start(): Promise<RunOutcome> {
    this.ended ??= this.run.start().then((outcome) => {
      this.infoValue.state = 'done';
      this.infoValue.steps = outcome.steps;
      this.infoValue.outcome = { status: outcome.status, message: outcome.message, ...(outcome.error ? { code: outcome.error.code } : {}) };
      this.publishInfo();
      return outcome;
    });
    return this.ended;
  }

  pause(): void { this.run.pause(); }
  resume(): void { this.run.resume(); }
  stop(): void { this.run.stop(); }
  addInstruction(text: string): void { this.run.addInstruction(text); }
  respond(requestId: string, response: PromptResponse): void { this.human.respond(requestId, response); }

  async screenshot(step: number, maxSide: number): Promise<Thumbnail> {
    return thumbnail((await this.screens.read(step)).image, maxSide);
  }

  /** Stops the run if it is still going, waits for its end and gives the phone back. Idempotent. */
  async dispose(): Promise<void> {
    await this.options.task.dispose();
    this.unsubscribe();
  }

  private onEvent(event: AgentRunEvent): void {
    if (event.kind === 'trace') this.traced.push(event.event);
    this.options.publish.event(this.runId, this.serial, event);
    if (event.kind === 'state' && event.state !== 'done') {
      this.infoValue.state = event.state;
      this.publishInfo();
    } else if (event.kind === 'trace' && event.event.type === 'step_started') {
      this.infoValue.steps = event.event.step;
      this.publishInfo();
    }
  }

  private onPrompt(prompt: PendingPrompt | null): void {
    if (!prompt) {
      this.announced = null;
      this.infoValue.pendingPrompt = null;
      this.publishInfo();
      return;
    }
    void this.announce(prompt);
  }

  private async announce(prompt: PendingPrompt): Promise<void> {
    const latest = this.screens.latest;
    const shot = latest ? await thumbnail(latest.image, PROMPT_IMAGE_SIDE).catch(() => null) : null;
    // Answered or cancelled while the image was being made: nothing to show any more.
    if (this.human.pending?.requestId !== prompt.requestId) return;
    this.announced = {
      runId: this.runId, serial: this.serial, requestId: prompt.requestId, kind: prompt.kind, step: prompt.step, message: prompt.message,
      ...(prompt.action ? { action: prompt.action } : {}), ...(shot ? { screenshot: shot.dataUrl } : {}),
    };
    this.infoValue.pendingPrompt = prompt.requestId;
    this.options.publish.prompt(this.announced);
    this.publishInfo();
  }

  private publishInfo(): void {
    this.options.publish.info(this.info);
  }
}
