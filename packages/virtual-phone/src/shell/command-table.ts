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
import { fileCommands } from './commands/files';
import { systemCommands } from './commands/system';
import { textCommands } from './commands/text';

export function createCommandTable(extra: Record<string, ShellCommand> = {}): ReadonlyMap<string, ShellCommand> {
  const table = new Map<string, ShellCommand>();
  const names = (): ReadonlySet<string> => new Set([...table.keys(), 'sh']);
  for (const [name, impl] of Object.entries({
    ...basicCommands,
    ...propCommands,
    ...inputCommands,
    ...ipCommands,
    ...activityCommands,
    ...dumpsysCommands,
    ...settingsCommands,
    ...screencapCommands,
    ...uiautomatorCommands,
    ...fileCommands,
    ...textCommands,
    ...systemCommands(names, (name) => table.get(name)),
    ...extra,
  })) table.set(name, impl);
  return table;
}
