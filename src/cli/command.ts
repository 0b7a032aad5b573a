import type { Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What every CLI command gets: its streams, environment and a signal aborted on Ctrl-C. */
export interface CliContext {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

/**
 * One `phonepilot <name>` command. `run` returns the exit code; a failure the user can act on
 * is thrown as CliError (printed as one line, exit code kept) rather than printed ad hoc.
 */
export interface CliCommand {
  name: string;
  summary: string;
  /** Full usage text shown by `phonepilot <name> --help`. */
  usage: string;
  run(argv: string[], ctx: CliContext): Promise<number>;
}

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** parseArgs, with a mistake in the arguments reported as its message plus the usage, exit code 2. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`, 2);
  }
}
