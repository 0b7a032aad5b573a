import type { CliCommand } from '../command';
import { command as doctor } from './doctor';
import { command as virtualPhone } from './virtual-phone';

/** Every `phonepilot` command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [doctor, virtualPhone];
