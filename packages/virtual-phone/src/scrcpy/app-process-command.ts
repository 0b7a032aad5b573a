// `CLASSPATH=/data/local/tmp/scrcpy-server.jar app_process / com.genymobile.scrcpy.Server VERSION ...`
// — the shell entry point of the simulated scrcpy server.
import { writeLine, type CommandContext, type ShellCommand } from '../shell/command-context';
import { SCRCPY_SERVER_CLASS, ScrcpyOptionError, parseScrcpyServerArgs, type ScrcpyServerOptions } from '#wire';
import { ScrcpySession, ScrcpySessionError } from './scrcpy-session';
import { encoderListMessage } from './encoders';
import { displayListMessage } from './display-list';

/**
 * The version a pushed stand-in server file declares (its first line `simulated scrcpy server
 * VERSION`), as BuildConfig.VERSION_NAME is compiled into a real jar; null when it declares none.
 */
export function declaredServerVersion(jar: Buffer): string | null {
  const m = /^simulated scrcpy server (\S+)/.exec(jar.subarray(0, 200).toString('latin1'));
  return m ? m[1] : null;
}

function illegalArgument(ctx: CommandContext, message: string): number {
  writeLine(ctx.stderr, `[server] ERROR: Exception on thread Thread[main,5,main]`);
  writeLine(ctx.stderr, `java.lang.IllegalArgumentException: ${message}`);
  writeLine(ctx.stderr, '\tat com.genymobile.scrcpy.Options.parse(Options.java)');
  writeLine(ctx.stderr, '\tat com.genymobile.scrcpy.Server.main(Server.java)');
  return 1;
}

const LEVELS = ['verbose', 'debug', 'info', 'warn', 'error'] as const;

function logger(ctx: CommandContext, minLevel: ScrcpyServerOptions['logLevel']) {
  return (level: 'debug' | 'info' | 'warn' | 'error', message: string): void => {
    if (LEVELS.indexOf(level) < LEVELS.indexOf(minLevel)) return;
    const out = level === 'warn' || level === 'error' ? ctx.stderr : ctx.stdout;
    writeLine(out, `[server] ${level.toUpperCase()}: ${message}`);
  };
}

function listApps(ctx: CommandContext): string {
  const apps = ctx.device.android.installedApps().slice().sort((a, b) =>
    Number(b.system) - Number(a.system) || a.label.localeCompare(b.label) || a.packageName.localeCompare(b.packageName));
  const column = 30;
  let text = 'List of apps:';
  for (const app of apps) {
    const padding = column - app.label.length;
    text += `\n ${app.system ? '*' : '-'} ${app.label}`;
    text += padding > 0 ? ' '.repeat(padding) : `\n   ${' '.repeat(column)}`;
    text += ` ${app.packageName}`;
  }
  return text;
}

const appProcess: ShellCommand = async (ctx) => {
  const [, , mainClass, ...args] = ctx.argv;
  const classpath = ctx.env.CLASSPATH ?? '';
  const jarPresent = classpath !== '' && ctx.device.fs.stat(classpath)?.kind === 'file';
  if (!jarPresent || mainClass !== SCRCPY_SERVER_CLASS) {
    writeLine(ctx.stderr, `Exception in thread "main" java.lang.ClassNotFoundException: Didn't find class "${mainClass ?? ''}" on path: DexPathList[[zip file "${classpath}"]]`);
    return 1;
  }
  // Starting app_process and the server's JVM is what makes a real server take ~0.5-1 s.
  await ctx.device.delay('scrcpyStart', ctx.signal);
  const serverVersion = declaredServerVersion(ctx.device.fs.readFile(classpath));
  if (serverVersion !== null && args[0] !== undefined && args[0] !== serverVersion) {
    return illegalArgument(ctx, `The server version (${serverVersion}) does not match the client (${args[0]})`);
  }
  let parsed: ReturnType<typeof parseScrcpyServerArgs>;
  try {
    parsed = parseScrcpyServerArgs(args);
  } catch (error) {
    if (!(error instanceof ScrcpyOptionError)) throw error;
    return illegalArgument(ctx, error.message);
  }
  const { options, warnings } = parsed;
  const print = logger(ctx, options.logLevel);
  // Like the real server, the jar is deleted at start so a crash leaves nothing behind.
  if (options.cleanup) ctx.device.fs.remove(classpath);
  for (const w of warnings) print('warn', w);
  const props = ctx.device.props;
  print('info', `Device: [${props.get('ro.product.manufacturer')}] ${props.get('ro.product.brand')} ${props.get('ro.product.model')} (Android ${props.get('ro.build.version.release')})`);
  ctx.device.log.add('scrcpy', `server ${options.version} started`, { version: options.version, framing: options.framing, tunnelForward: options.tunnelForward, scid: options.scid });

  if (options.listApps || options.listEncoders || options.listDisplays || options.listCameras) {
    if (options.listEncoders) {
      print('info', encoderListMessage('video'));
      print('info', encoderListMessage('audio'));
    }
    if (options.listDisplays) print('info', displayListMessage(ctx.device.android));
    if (options.listCameras) print('info', 'List of cameras:\n    (none)');
    if (options.listApps) print('info', listApps(ctx));
    return 0;
  }

  const session = new ScrcpySession(options, {
    android: ctx.device.android,
    log: ctx.device.log,
    namespace: ctx.device.scrcpy.namespace,
    transport: ctx.transport,
    deviceName: props.get('ro.product.model'),
    ffmpegPath: ctx.device.scrcpy.ffmpegPath,
    video: ctx.device.scrcpy.video,
    print,
  });
  const remove = ctx.device.scrcpy.add(session);
  try {
    await session.run(ctx.signal);
    return 0;
  } catch (error) {
    if (!(error instanceof ScrcpySessionError)) throw error;
    print('error', error.message);
    return 1;
  } finally {
    remove();
  }
};

export const scrcpyCommands: Record<string, ShellCommand> = { app_process: appProcess };
