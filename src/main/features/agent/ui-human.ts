// The HumanInTheLoop of a run in the app: every question the loop asks becomes one pending
// prompt with its own requestId, announced to the UI and settled by agent.respond. At most one
// prompt is pending per run (the loop waits on it), so a stale dialog (an answer to an older
// prompt, a double click) is refused by id instead of answering the wrong question.
import { randomUUID } from 'node:crypto';
import type { AgentAction } from '../../../shared/agent/actions';
import type { AgentPromptKind } from '../../../shared/contract/agent';
import { AppError } from '../../../shared/errors';
import type { HumanInTheLoop } from '../../agent';

export interface PendingPrompt {
  requestId: string;
  kind: AgentPromptKind;
  step: number;
  action?: AgentAction;
  message: string;
}

export type PromptResponse =
  | { kind: 'confirm'; approve: boolean }
  | { kind: 'takeOver' }
  | { kind: 'ask'; answer: string };

interface Waiting {
  prompt: PendingPrompt;
  resolve(response: PromptResponse): void;
}

export interface UiHumanLoopOptions {
  /** A prompt opened (`prompt`) or closed (`null`: answered, or cancelled by a stop). */
  onChange(prompt: PendingPrompt | null): void;
  /** The run's current step, for prompts the loop does not number (take over, ask). */
  currentStep(): number;
  newId?: () => string;
}

export class UiHumanLoop implements HumanInTheLoop {
  private waiting: Waiting | null = null;

  constructor(private readonly options: UiHumanLoopOptions) {}

  get pending(): PendingPrompt | null {
    return this.waiting?.prompt ?? null;
  }

  async confirm(step: number, action: AgentAction, reason: string, signal: AbortSignal): Promise<boolean> {
    const r = await this.wait({ kind: 'confirm', step, action, message: reason }, signal);
    return r.kind === 'confirm' && r.approve;
  }

  async takeOver(message: string, signal: AbortSignal): Promise<void> {
    await this.wait({ kind: 'takeOver', step: this.options.currentStep(), message }, signal);
  }

  async ask(question: string, signal: AbortSignal): Promise<string> {
    const r = await this.wait({ kind: 'ask', step: this.options.currentStep(), message: question }, signal);
    return r.kind === 'ask' ? r.answer : '';
  }

  /** Settles the pending prompt; refuses an id that is not the one waiting, or the wrong kind of answer. */
  respond(requestId: string, response: PromptResponse): void {
    const waiting = this.waiting;
    if (!waiting || waiting.prompt.requestId !== requestId) {
      throw new AppError('not_found', 'This question is no longer waiting for an answer (it was answered already or the task ended).');
    }
    if (waiting.prompt.kind !== response.kind) {
      throw new AppError('validation', `This question needs a "${waiting.prompt.kind}" answer, not "${response.kind}".`);
    }
    this.settle(waiting);
    waiting.resolve(response);
  }

  private wait(fields: Omit<PendingPrompt, 'requestId'>, signal: AbortSignal): Promise<PromptResponse> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.waiting) return Promise.reject(new AppError('conflict', 'The agent asked a second question while one was open.'));
    return new Promise<PromptResponse>((resolve, reject) => {
      const prompt: PendingPrompt = { requestId: (this.options.newId ?? randomUUID)(), ...fields };
      const onAbort = () => {
        this.settle(waiting);
        reject(signal.reason);
      };
      const waiting: Waiting = {
        prompt,
        resolve: (response) => {
          signal.removeEventListener('abort', onAbort);
          resolve(response);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting = waiting;
      this.options.onChange(prompt);
    });
  }

  private settle(waiting: Waiting): void {
    if (this.waiting !== waiting) return;
    this.waiting = null;
    this.options.onChange(null);
  }
}
