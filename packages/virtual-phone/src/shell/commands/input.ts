// `input`: the shell's way to inject touches, keys and text (Android 14 syntax).
import { keycodeName, parseKeycode } from '#wire';
import { writeLine, type CommandContext, type ShellCommand } from '../command-context';

const SOURCES = new Set(['keyboard', 'mouse', 'joystick', 'touchnavigation', 'touchpad', 'trackball', 'dpad', 'stylus', 'gamepad', 'touchscreen', 'gamepad']);

const USAGE = `Usage: input [<source>] [-d DISPLAY_ID] <command> [<arg>...]

The commands and default sources are:
      text <string> (Default: keyboard)
      keyevent [--longpress|--duration <duration to hold key down in ms>] [--doubletap] [--async] [--delay <duration between keycodes in ms>] <key code number or name> ... (Default: keyboard)
      tap <x> <y> (Default: touchscreen)
      swipe <x1> <y1> <x2> <y2> [duration(ms)] (Default: touchscreen)
      draganddrop <x1> <y1> <x2> <y2> [duration(ms)] (Default: touchscreen)
      press (Default: trackball)
      roll <dx> <dy> (Default: trackball)
      motionevent <DOWN|UP|MOVE|CANCEL> <x> <y> (Default: touchscreen)`;

function numbers(ctx: CommandContext, args: string[], count: number, optional = 0): number[] | null {
  if (args.length < count || args.length > count + optional) return null;
  const values = args.map(Number);
  if (values.some((v) => !Number.isFinite(v))) {
    writeLine(ctx.stderr, `Error: NumberFormatException: For input string: "${args[values.findIndex((v) => !Number.isFinite(v))]}"`);
    return null;
  }
  return values;
}

function usageError(ctx: CommandContext, message: string): number {
  writeLine(ctx.stderr, `Error: ${message}`);
  writeLine(ctx.stderr, USAGE);
  return 1;
}

const input: ShellCommand = async (ctx) => {
  let args = ctx.argv.slice(1);
  if (args.length && SOURCES.has(args[0])) args = args.slice(1);
  if (args[0] === '-d') args = args.slice(2);
  const [command, ...rest] = args;
  if (!command) {
    writeLine(ctx.stdout, USAGE);
    return 1;
  }
  const android = ctx.device.android;
  const log = (detail: string, data: Record<string, unknown>): void => {
    ctx.device.log.add('input', detail, data);
  };
  switch (command) {
    case 'tap': {
      const v = numbers(ctx, rest, 2);
      if (!v) return usageError(ctx, 'Invalid arguments for command: tap');
      await ctx.device.delay('input', ctx.signal);
      android.tap(v[0], v[1]);
      log(`tap ${v[0]} ${v[1]}`, { x: v[0], y: v[1] });
      return 0;
    }
    case 'swipe':
    case 'draganddrop': {
      const v = numbers(ctx, rest, 4, 1);
      if (!v) return usageError(ctx, `Invalid arguments for command: ${command}`);
      await ctx.device.delay('input', ctx.signal);
      const duration = v[4] ?? (command === 'draganddrop' ? 1000 : 300);
      const isLongPress = command === 'swipe' && Math.hypot(v[2] - v[0], v[3] - v[1]) < 10 && duration >= 500;
      if (isLongPress) android.longPress(v[0], v[1], duration);
      else android.swipe(v[0], v[1], v[2], v[3], duration);
      log(`${command} ${v.join(' ')}`, { x1: v[0], y1: v[1], x2: v[2], y2: v[3], durationMs: duration });
      return 0;
    }
    case 'text': {
      if (rest.length === 0) return usageError(ctx, 'Invalid arguments for command: text');
      await ctx.device.delay('input', ctx.signal);
      // `input text` turns %s into spaces; the shell already joined our argv with spaces.
      const text = rest.join(' ').replace(/%s/g, ' ');
      // InputShellCommand maps the text through the virtual keyboard's key map; a character it
      // has no key for makes getEvents() return null and the command dies typing nothing.
      if ([...text].some((c) => c.codePointAt(0)! > 0x7f)) {
        writeLine(ctx.stderr, "Exception occurred while executing 'text':");
        writeLine(ctx.stderr, 'java.lang.NullPointerException: Attempt to get length of null array');
        writeLine(ctx.stderr, '\tat com.android.server.input.InputShellCommand.sendText(InputShellCommand.java:433)');
        writeLine(ctx.stderr, '\tat com.android.server.input.InputShellCommand.runText(InputShellCommand.java:396)');
        writeLine(ctx.stderr, '\tat com.android.server.input.InputShellCommand.onCommand(InputShellCommand.java:281)');
        writeLine(ctx.stderr, '\tat com.android.modules.utils.BasicShellCommandHandler.exec(BasicShellCommandHandler.java:97)');
        return 255;
      }
      android.inputText(text);
      log(`text ${text}`, { text });
      return 0;
    }
    case 'keyevent': {
      let longpress = false;
      let doubletap = false;
      const codes: number[] = [];
      for (let i = 0; i < rest.length; i++) {
        const a = rest[i];
        if (a === '--longpress') longpress = true;
        else if (a === '--doubletap') doubletap = true;
        else if (a === '--async') continue;
        else if (a === '--duration' || a === '--delay') i++;
        else {
          const code = parseKeycode(a);
          if (code === undefined) {
            writeLine(ctx.stderr, `Error: Unknown keycode: ${a}`);
            return 1;
          }
          codes.push(code);
        }
      }
      if (codes.length === 0) return usageError(ctx, 'Invalid arguments for command: keyevent');
      await ctx.device.delay('input', ctx.signal);
      for (const code of codes) {
        for (let n = doubletap ? 2 : 1; n > 0; n--) {
          if (longpress) {
            android.key(code, 'down');
            android.key(code, 'up');
          } else {
            android.key(code, 'downup');
          }
        }
        log(`keyevent ${keycodeName(code)}`, { keycode: code, longpress, doubletap });
      }
      return 0;
    }
    case 'roll': {
      const v = numbers(ctx, rest, 2);
      if (!v) return usageError(ctx, 'Invalid arguments for command: roll');
      await ctx.device.delay('input', ctx.signal);
      // A trackball roll moves focus like D-pad presses, one per unit.
      const steps: Array<[number, number]> = [[v[0], v[0] > 0 ? 22 : 21], [v[1], v[1] > 0 ? 20 : 19]];
      for (const [amount, code] of steps) for (let i = 0; i < Math.min(50, Math.abs(Math.round(amount))); i++) android.key(code, 'downup');
      log(`roll ${v[0]} ${v[1]}`, { dx: v[0], dy: v[1] });
      return 0;
    }
    case 'press':
      await ctx.device.delay('input', ctx.signal);
      android.key(23, 'downup'); // DPAD_CENTER
      log('press', {});
      return 0;
    case 'motionevent': {
      const action = rest[0]?.toUpperCase();
      const v = numbers(ctx, rest.slice(1), 2);
      if (!v || !['DOWN', 'UP', 'MOVE', 'CANCEL'].includes(action ?? '')) return usageError(ctx, 'Invalid arguments for command: motionevent');
      await ctx.device.delay('input', ctx.signal);
      android.touch(action === 'DOWN' ? 'down' : action === 'MOVE' ? 'move' : 'up', v[0], v[1]);
      log(`motionevent ${action} ${v[0]} ${v[1]}`, { action, x: v[0], y: v[1] });
      return 0;
    }
    default:
      return usageError(ctx, `Unknown command: ${command}`);
  }
};

export const inputCommands: Record<string, ShellCommand> = { input };
