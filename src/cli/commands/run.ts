import { parseArgs } from 'node:util';
import type { Readable } from 'node:stream';
import type { RunOutcome } from '../../main/agent';
import { createTaskRun, type TaskRun } from '../../main/features/tasks';
import { AppError } from '../../shared/errors';
import { CliError, type CliCommand, type CliContext } from '../command';
import { openCliServices } from '../cli-services';
import { CliHuman } from '../run/cli-human';
import { chooseEndpoint } from '../run/endpoint-choice';
import { printRunEvent } from '../run/step-printer';
import { openTaskPhone, type CliPhone } from '../run/task-session';

const USAGE = `Usage: phonepilot run "TASK" [--serial S]
         [--endpoint NAME | --base-url URL --model M [--api-key-env VAR] [--protocol autoglm|uitars|generic]]
         [--max-steps N] [--lang zh|en] [--yes] [--json] [--no-mirror] [--no-download] [--model-timeout SECONDS]
         [--keep-animations]

Runs an agent task on the phone and prints every step (thought, action, timings; --json: one
JSON object per line). The trace is kept under the app data folder's traces directory.
Sensitive actions (payments...) are asked y/N in a terminal and denied otherwise unless --yes.
The phone's animations are off while the task runs (faster steps) and restored after, unless
--keep-animations or the app's setting says otherwise.
Exit 0 when the task finished; 1 when it failed or was stopped (one line on stderr says why).`;

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`${name} must be a positive integer`, 2);
  return n;
}

/** The command with its stdin injectable (tests); `phonepilot run` uses process.stdin. */
export async function runTaskCommand(argv: string[], ctx: CliContext, stdin: Readable & { isTTY?: boolean }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      serial: { type: 'string', short: 's' }, endpoint: { type: 'string' }, 'base-url': { type: 'string' }, model: { type: 'string' },
      'api-key-env': { type: 'string' }, protocol: { type: 'string' }, 'max-steps': { type: 'string' }, lang: { type: 'string' },
      yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' }, 'no-mirror': { type: 'boolean' }, 'no-download': { type: 'boolean' },
      'model-timeout': { type: 'string' }, 'keep-animations': { type: 'boolean' },
    },
  });
  const text = positionals.join(' ').trim();
  if (!text) throw new CliError('say what to do: phonepilot run "turn on Wi-Fi"', 2);
  if (values.lang !== undefined && values.lang !== 'zh' && values.lang !== 'en') throw new CliError('--lang must be zh or en', 2);
  const maxStepsFlag = positiveInt('--max-steps', values['max-steps']);
  const timeoutS = positiveInt('--model-timeout', values['model-timeout']);

  const services = await openCliServices(ctx.env);
  let phone: CliPhone | undefined;
  let task: TaskRun | undefined;
  const human = new CliHuman({ input: stdin, output: ctx.stderr, interactive: stdin.isTTY === true, assumeYes: values.yes === true });
  try {
    const endpoint = await chooseEndpoint({ endpoint: values.endpoint, baseUrl: values['base-url'], model: values.model, apiKeyEnv: values['api-key-env'], protocol: values.protocol }, services.settings, ctx.env);
    phone = await openTaskPhone(services, { serial: values.serial, mirror: !values['no-mirror'], download: !values['no-download'], env: ctx.env, log: ctx.stderr, signal: ctx.signal });
    task = await createTaskRun({
      task: text, endpoint, phone, source: 'cli', paths: services.paths, agent: services.settings.get().agent,
      secrets: await services.settings.storedApiKeys(),
      protocol: { ...(values.lang ? { lang: values.lang as 'zh' | 'en' } : {}) },
      limits: { ...(maxStepsFlag ? { maxSteps: maxStepsFlag } : {}), ...(timeoutS ? { modelTimeoutMs: timeoutS * 1000 } : {}) },
      ...(values['keep-animations'] ? { animationsOff: false } : {}),
    });
    const traceDir = task.traceDir;
    const run = task.agentRun({ human, signal: ctx.signal });
    const json = values.json === true;
    const off = run.on((event) => printRunEvent(ctx.stdout, event, json));
    let outcome: RunOutcome;
    try {
      outcome = await run.start();
    } finally {
      off();
      await task.dispose();
    }
    if (json) ctx.stdout.write(`${JSON.stringify({ type: 'outcome', status: outcome.status, message: outcome.message, steps: outcome.steps, traceDir, ...(outcome.error ? { code: outcome.error.code } : {}) })}\n`);
    ctx.stderr.write(`Trace: ${traceDir}\n`);
    if (outcome.status === 'finished') return 0;
    throw new CliError(outcome.message, 1);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  } finally {
    human.dispose();
    await task?.dispose();
    await phone?.dispose();
    await services.dispose();
  }
}

export const command: CliCommand = {
  name: 'run',
  summary: 'carry out a task on the phone with the agent ("turn on Wi-Fi")',
  usage: USAGE,
  run: (argv, ctx) => runTaskCommand(argv, ctx, process.stdin),
};
