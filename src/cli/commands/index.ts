import type { CliCommand } from '../command';
import { command as devices } from './devices';
import { command as doctor } from './doctor';
import { command as mirror } from './mirror';
import { command as virtualPhone } from './virtual-phone';
import { command as run } from './run';
import { command as traces } from './traces';
import { command as transcribe } from './transcribe';
import { command as voiceModels } from './voice-models';

/** Every `phonepilot` command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [doctor, devices, mirror, virtualPhone, traces, run, transcribe, voiceModels];
