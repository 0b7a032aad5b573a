import type { CliCommand } from '../command';
import { command as doctor } from './doctor';

/** Every `phonepilot` command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [doctor];
