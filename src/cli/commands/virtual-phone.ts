// `phonepilot virtual-phone`: runs a simulated phone on a loopback port until Ctrl-C, optionally
// `adb connect`ed to a local adb server, for trying the app or scripts without a device.
import { execFile } from 'node:child_process';
import { type PhoneLocale, VirtualPhone } from '#virtual-phone';
import { CliError, type CliCommand, type CliContext } from '../command';

const USAGE = `Usage: phonepilot virtual-phone [options]

Runs a simulated Android phone that the adb server can connect to.

Options:
  --port N          TCP port to listen on (default: a free port)
  --size WxH        screen size in pixels (default 1080x2400)
  --locale L        en-US or zh-CN (default en-US)
  --connect         run \`adb connect\` for it, and \`adb disconnect\` on exit
  --adb-port N      adb server port for --connect (default 5037)
  --inspect-port N  serve GET /state (JSON) on this loopback port
  --auth prompt     act as a phone that has not allowed this computer: adb lists it as
                    unauthorized until you accept with POST /authorize on the inspect port
                    (default: none, adb gets in at once)
  --refresh-rate N  display refresh rate: video fps when the client sets no max_fps
                    (1..60, default 30; max_fps is honoured up to 60)
  --video-source S  screen (default) or replay: benchmarks, a pre-encoded clip of moving
                    content looped at the refresh rate instead of the rendered screen
  --json            print {"serial", "port", ...} as one JSON line
  -h, --help        show this help`;

interface Args {
  port: number;
  width: number;
  height: number;
  locale: PhoneLocale;
  connect: boolean;
  adbPort: number;
  inspectPort?: number;
  refreshRate?: number;
  videoSource?: 'screen' | 'replay';
  auth: 'none' | 'prompt';
  json: boolean;
  help: boolean;
}

function intArg(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || n < min || n > max) throw new CliError(`${name} needs a whole number from ${min} to ${max}`, 2);
  return n;
}

export function parseVirtualPhoneArgs(argv: string[]): Args {
  const args: Args = { port: 0, width: 1080, height: 2400, locale: 'en-US', connect: false, adbPort: 5037, auth: 'none', json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--port': args.port = intArg('--port', value(), 0, 65535); break;
      case '--adb-port': args.adbPort = intArg('--adb-port', value(), 1, 65535); break;
      case '--inspect-port': args.inspectPort = intArg('--inspect-port', value(), 0, 65535); break;
      case '--size': {
        const v = value() ?? '';
        const m = /^(\d+)x(\d+)$/.exec(v);
        if (!m || Number(m[1]) < 64 || Number(m[2]) < 64 || Number(m[1]) > 4096 || Number(m[2]) > 4096) throw new CliError(`--size needs WIDTHxHEIGHT (64..4096), got "${v}"`, 2);
        args.width = Number(m[1]);
        args.height = Number(m[2]);
        break;
      }
      case '--locale': {
        const v = value();
        if (v !== 'en-US' && v !== 'zh-CN') throw new CliError(`--locale must be en-US or zh-CN, got "${v ?? ''}"`, 2);
        args.locale = v;
        break;
      }
      case '--refresh-rate': args.refreshRate = intArg('--refresh-rate', value(), 1, 60); break;
      case '--video-source': {
        const v = value();
        if (v !== 'screen' && v !== 'replay') throw new CliError(`--video-source must be screen or replay, got "${v ?? ''}"`, 2);
        args.videoSource = v;
        break;
      }
      case '--auth': {
        const v = value();
        if (v !== 'none' && v !== 'prompt') throw new CliError(`--auth must be none or prompt, got "${v ?? ''}"`, 2);
        args.auth = v;
        break;
      }
      case '--connect': args.connect = true; break;
      case '--json': args.json = true; break;
      case '-h': case '--help': args.help = true; break;
      default: throw new CliError(`unknown option ${a} (see --help)`, 2);
    }
  }
  // The prompt is accepted through the inspect port: without it the phone would stay locked.
  if (args.auth === 'prompt' && args.inspectPort === undefined) throw new CliError('--auth prompt needs --inspect-port (POST /authorize accepts the prompt)', 2);
  return args;
}

function adb(adbPort: number, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('adb', ['-P', String(adbPort), ...args], { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}`.trim() });
    });
  });
}

async function run(argv: string[], ctx: CliContext): Promise<number> {
  const args = parseVirtualPhoneArgs(argv);
  if (args.help) {
    ctx.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const phone = new VirtualPhone({
    port: args.port,
    android: { width: args.width, height: args.height, locale: args.locale },
    inspectPort: args.inspectPort,
    video: { refreshRate: args.refreshRate, source: args.videoSource },
    auth: args.auth,
  });
  let connected = false;
  try {
    const { serial, port, inspectPort } = await phone.start();
    if (args.connect) {
      const r = await adb(args.adbPort, ['connect', serial]);
      // With --auth prompt adb answers "failed to authenticate": connected, waiting for the prompt.
      if (r.code !== 0 || !/^(connected to|failed to authenticate to) /.test(r.output)) throw new CliError(`adb connect ${serial} failed: ${r.output}`);
      connected = true;
    }
    if (args.json) {
      ctx.stdout.write(`${JSON.stringify({ serial, port, inspectPort, connected, adbPort: args.connect ? args.adbPort : null })}\n`);
    } else {
      ctx.stdout.write(`Virtual phone listening on ${serial}${connected ? ` (connected to adb on port ${args.adbPort})` : ''}\n`);
      if (!connected) ctx.stdout.write(`Connect it with: adb connect ${serial}\n`);
      if (inspectPort !== null) ctx.stdout.write(`State: http://127.0.0.1:${inspectPort}/state\n`);
      if (args.auth === 'prompt') ctx.stdout.write(`Allow USB debugging with: curl -X POST http://127.0.0.1:${inspectPort}/authorize\n`);
      ctx.stdout.write('Press Ctrl-C to stop.\n');
    }
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) return resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    return 0;
  } finally {
    if (connected && phone.serial) await adb(args.adbPort, ['disconnect', phone.serial]);
    await phone.dispose();
  }
}

export const command: CliCommand = {
  name: 'virtual-phone',
  summary: 'Run a simulated Android phone that adb can connect to',
  usage: USAGE,
  run,
};
