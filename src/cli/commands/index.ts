import type { CliCommand } from '../command';
import { command as devices } from './devices';
import { command as doctor } from './doctor';
import { command as mirror } from './mirror';
import { command as virtualPhone } from './virtual-phone';
import { command as traces } from './traces';

/** Every `phonepilot` command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [doctor, devices, mirror, virtualPhone, traces];
