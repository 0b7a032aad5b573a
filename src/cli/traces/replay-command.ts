// `phonepilot traces replay ID --serial S`: the recorded actions of a trace, again, on a phone.
// Each step first compares the phone's screen with the recorded one; the replay stops with one
// clear line (exit 1) on a different screen, a denied sensitive step or a failed action.
import { parseArgs } from 'node:util';
import type { Readable } from 'node:stream';
import { describeAction } from '../../shared/agent/actions';
import type { ReplaySpeed } from '../../shared/contract/traces';
import { AppError } from '../../shared/errors';
import { loadReplaySource } from '../../main/features/traces/replay/replay-source';
import { Replayer, type ReplayOutcome } from '../../main/features/traces/replay/replayer';
import { DEFAULT_THRESHOLD } from '../../main/features/traces/replay/screen-compare';
import { TraceStore } from '../../main/features/traces/trace-store';
import { CliError, type CliContext } from '../command';
import { openCliServices } from '../cli-services';
import { CliHuman } from '../run/cli-human';
import { openTaskPhone, type CliPhone } from '../run/task-session';
import { openPhoneOperator } from '../../main/features/tasks';
import type { OwnedPhoneOperator } from '../../main/phone/operators';

export const REPLAY_USAGE = `replay ID --serial S [--speed 1|2|4|settle] [--threshold T] [--yes] [--json] [--no-mirror]
                                   re-run the recorded actions on a phone; stops when its screen
                                   differs from the recorded one (T: mean grey difference 0-255,
                                   default ${DEFAULT_THRESHOLD}); sensitive steps ask y/N (--yes approves)`;

export function parseSpeed(value: string | undefined): ReplaySpeed {
  if (value === undefined) return 1;
  if (value === 'settle' || value === 'max') return 'settle';
  const n = Number(value.replace(/x$/i, ''));
  if (n === 1 || n === 2 || n === 4) return n;
  throw new CliError(`--speed must be 1, 2, 4 or settle (as fast as the screen settles), got "${value}"`, 2);
}

function parseThreshold(value: string | undefined): number {
  if (value === undefined) return DEFAULT_THRESHOLD;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 255) throw new CliError(`--threshold must be a number from 0 to 255, got "${value}"`, 2);
  return n;
}

export async function replayCommand(argv: string[], ctx: CliContext, stdin: Readable & { isTTY?: boolean }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      serial: { type: 'string', short: 's' }, speed: { type: 'string' }, threshold: { type: 'string' },
      yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' }, 'no-mirror': { type: 'boolean' },
    },
  });
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new CliError('usage: phonepilot traces replay ID --serial S (see "phonepilot traces list")', 2);
  const speed = parseSpeed(values.speed);
  const threshold = parseThreshold(values.threshold);
  const json = values.json === true;
  const out = (line: Record<string, unknown>, text: string) => ctx.stdout.write(json ? `${JSON.stringify(line)}\n` : `${text}\n`);

  const services = await openCliServices(ctx.env);
  const human = new CliHuman({ input: stdin, output: ctx.stderr, interactive: stdin.isTTY === true, assumeYes: values.yes === true });
  let phone: CliPhone | undefined;
  let operator: OwnedPhoneOperator | undefined;
  try {
    const source = await loadReplaySource(new TraceStore({ dir: services.paths.tracesDir }), id);
    phone = await openTaskPhone(services, { serial: values.serial, mirror: !values['no-mirror'], download: false, env: ctx.env, log: ctx.stderr, signal: ctx.signal });
    operator = await openPhoneOperator(phone, { animationsOff: services.settings.get().agent.animationsOff, animationLedgerDir: services.paths.animationLedgerDir });
    out({ type: 'start', id, serial: phone.device.serial, steps: source.plan.length, speed, threshold }, `Replaying ${id} ("${source.task}"): ${source.plan.length} step(s) on ${phone.device.serial}`);
    const replayer = new Replayer({
      plan: source.plan, operator, readRecorded: source.readRecorded, speed, threshold, signal: ctx.signal,
      confirm: (step, signal) => human.confirm(step.step, step.action, step.sensitive ?? '', signal),
    });
    replayer.on((e) => {
      if (e.kind === 'checked') out({ type: 'checked', step: e.step, difference: Number(e.difference.toFixed(2)) }, `  step ${e.step}: screen difference ${e.difference.toFixed(1)}`);
      else if (e.kind === 'done') out({ type: 'step', step: e.step }, `  step ${e.step}: replayed ${describeAction(source.plan[e.index]!.action)}`);
    });
    const outcome: ReplayOutcome = await replayer.start();
    out({ type: 'outcome', status: outcome.status, message: outcome.message, done: outcome.done, step: outcome.step, ...(outcome.difference !== undefined ? { difference: outcome.difference } : {}) }, outcome.message);
    if (outcome.status === 'completed') return 0;
    throw new CliError(outcome.message, 1);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  } finally {
    human.dispose();
    await operator?.dispose();
    await phone?.dispose();
    await services.dispose();
  }
}
