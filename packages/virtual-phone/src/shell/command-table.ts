// Every command the simulated shell knows, by name.
import type { ShellCommand } from './command-context';
import { activityCommands } from './commands/activity';
import { basicCommands } from './commands/basic';
import { dumpsysCommands } from './commands/dumpsys';
import { inputCommands } from './commands/input';
import { ipCommands } from './commands/ip';
import { propCommands } from './commands/props';
import { screencapCommands } from './commands/screencap';
import { settingsCommands } from './commands/settings';
import { uiautomatorCommands } from './commands/uiautomator';

export function createCommandTable(extra: Record<string, ShellCommand> = {}): ReadonlyMap<string, ShellCommand> {
  return new Map(Object.entries({
    ...basicCommands,
    ...propCommands,
    ...inputCommands,
    ...ipCommands,
    ...activityCommands,
    ...dumpsysCommands,
    ...settingsCommands,
    ...screencapCommands,
    ...uiautomatorCommands,
    ...extra,
  }));
}
