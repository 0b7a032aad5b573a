// `uiautomator dump [--compressed] [file]`: the accessibility tree as XML.
import { writeLine, type ShellCommand } from '../command-context';
import { uiDumpXml } from '../ui-dump-xml';

export const DEFAULT_DUMP_PATH = '/sdcard/window_dump.xml';

const uiautomator: ShellCommand = async (ctx) => {
  const [verb, ...args] = ctx.argv.slice(1);
  if (verb !== 'dump') {
    writeLine(ctx.stderr, 'Usage: uiautomator <subcommand> [options]');
    writeLine(ctx.stderr, '');
    writeLine(ctx.stderr, 'Available subcommands:');
    writeLine(ctx.stderr, '');
    writeLine(ctx.stderr, 'help: displays help message');
    writeLine(ctx.stderr, '');
    writeLine(ctx.stderr, 'runtest: executes UI automation tests');
    writeLine(ctx.stderr, '');
    writeLine(ctx.stderr, 'dump: creates an XML dump of current UI hierarchy');
    return verb ? 1 : 0;
  }
  const file = args.filter((a) => !a.startsWith('--')).pop() ?? DEFAULT_DUMP_PATH;
  await ctx.device.delay('uiautomator', ctx.signal);
  const android = ctx.device.android;
  const { width, height } = android.size;
  const rotation = width > height && android.options.width < android.options.height ? 1 : 0;
  const xml = uiDumpXml(android.uiTree(), rotation);
  ctx.device.log.add('shell', `uiautomator dump ${file}`, { file, bytes: xml.length });
  if (file === '/dev/tty' || file === '/dev/stdout') {
    ctx.stdout.write(xml);
  } else {
    const parent = ctx.device.fs.stat(`${file}/..`);
    if (!parent || parent.kind !== 'dir') {
      writeLine(ctx.stderr, `ERROR: could not write to ${file}`);
      return 1;
    }
    ctx.device.fs.writeFile(file, Buffer.from(xml, 'utf8'));
  }
  // Android really prints "hierchary".
  writeLine(ctx.stdout, `UI hierchary dumped to: ${file}`);
  return 0;
};

export const uiautomatorCommands: Record<string, ShellCommand> = { uiautomator };
