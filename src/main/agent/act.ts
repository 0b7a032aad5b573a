// Carries out one decision: user-facing actions go to the HumanInTheLoop (confirm, take over,
// ask), bookkeeping is recorded, device actions go to the operator followed by a measured
// wait for the screen to settle. Returns what the loop should do next.
import { describeAction, type AgentAction, type AgentDecision } from '../../shared/agent/actions';
import type { FinishStatus } from '../../shared/agent/trace';
import { sleep } from '../../shared/sleep';
import type { HumanInTheLoop, PhoneOperator } from './interfaces';
import type { PauseGate } from './pause-gate';
import type { RunContext } from './run-context';

export type DenyPolicy = 'stop' | 'tell_model';

export type ActOutcome =
  /** Carry on; `note` is told to the model with the next screen. */
  | { kind: 'continue'; note?: string }
  | { kind: 'end'; status: FinishStatus; message: string };

export interface ActArgs {
  step: number;
  decision: AgentDecision;
  operator: PhoneOperator;
  human: HumanInTheLoop;
  gate: PauseGate;
  ctx: RunContext;
  denyPolicy: DenyPolicy;
  settleTimeoutMs: number;
}

export async function actOnDecision(args: ActArgs): Promise<ActOutcome> {
  const { action } = args.decision;
  switch (action.type) {
    case 'finish':
      return { kind: 'end', status: 'finished', message: action.message || 'Task completed.' };
    case 'take_over': return takeOver(args, action.message);
    case 'interact': return interact(args, action.question);
    case 'note': case 'call_api':
      // Nothing happens on the phone; the model keeps the content in its own history.
      await recordExecuted(args, action, { ok: true }, 0, 0);
      return { kind: 'continue' };
    case 'wait': {
      const started = performance.now();
      await sleep(action.ms, args.ctx.signal);
      await recordExecuted(args, action, { ok: true }, performance.now() - started, 0);
      return { kind: 'continue' };
    }
    case 'tap': case 'type':
      if (action.sensitive !== undefined) {
        const verdict = await confirmSensitive(args, action, action.sensitive);
        if (verdict) return verdict;
      }
      return execute(args, action);
    default:
      return execute(args, action);
  }
}

async function confirmSensitive(args: ActArgs, action: AgentAction, reason: string): Promise<ActOutcome | undefined> {
  await args.ctx.record({ type: 'confirmation', step: args.step, phase: 'asked', reason });
  args.ctx.setState('waiting_user');
  const approved = await args.human.confirm(args.step, action, reason, args.ctx.signal);
  args.ctx.setState('running');
  await args.ctx.record({ type: 'confirmation', step: args.step, phase: approved ? 'approved' : 'denied', reason });
  if (approved) return undefined;
  if (args.denyPolicy === 'stop') return { kind: 'end', status: 'stopped', message: `You declined a sensitive action (${reason}), so the task was stopped.` };
  return { kind: 'continue', note: `The user declined the action "${describeAction(action)}" (${reason}). Do not do it; find another way or finish and explain.` };
}

async function takeOver(args: ActArgs, message: string): Promise<ActOutcome> {
  args.ctx.setState('waiting_user');
  await args.human.takeOver(message, args.ctx.signal);
  args.ctx.setState('running');
  await args.ctx.record({ type: 'user_input', step: args.step, kind: 'take_over_done', text: message });
  return { kind: 'continue', note: 'The user has completed the manual step you asked for; continue the task.' };
}

async function interact(args: ActArgs, question: string | undefined): Promise<ActOutcome> {
  args.ctx.setState('waiting_user');
  const answer = await args.human.ask(question ?? 'The agent needs your input to continue. What should it do?', args.ctx.signal);
  args.ctx.setState('running');
  await args.ctx.record({ type: 'user_input', step: args.step, kind: 'answer', text: answer });
  return { kind: 'continue', note: `The user answered: ${answer}` };
}

async function execute(args: ActArgs, action: AgentAction): Promise<ActOutcome> {
  // A pause requested while the model was thinking takes effect before touching the phone.
  await args.gate.wait(args.ctx.signal);
  const started = performance.now();
  const result = await args.operator.execute(action, args.ctx.signal);
  const actionMs = performance.now() - started;
  const { settleMs } = await args.operator.waitForStill({ timeoutMs: args.settleTimeoutMs, signal: args.ctx.signal });
  await recordExecuted(args, action, result, actionMs, settleMs);
  return result.ok
    ? { kind: 'continue' }
    : { kind: 'continue', note: `The previous action (${describeAction(action)}) failed: ${result.message ?? 'unknown error'}.` };
}

function recordExecuted(args: ActArgs, action: AgentAction, result: { ok: boolean; message?: string }, actionMs: number, settleMs: number) {
  return args.ctx.record({
    type: 'action_executed', step: args.step, action,
    result: result.message !== undefined ? { ok: result.ok, message: result.message } : { ok: result.ok },
    actionMs: Math.round(actionMs), settleMs: Math.round(settleMs),
  });
}
