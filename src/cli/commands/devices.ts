import { parseArgs } from 'node:util';
import type { Device } from '../../shared/device';
import { AppError } from '../../shared/errors';
import { deviceServiceFromSettings } from '../../main/phone/devices/from-settings';
import { CliError, type CliCommand } from '../command';
import { openCliServices } from '../cli-services';
import { writeJson, writeTable } from '../output';

function row(d: Device): string[] {
  return [
    d.serial,
    d.state === 'other' ? d.rawState : d.state,
    d.connection,
    d.model ?? '-',
    d.androidVersion ? `Android ${d.androidVersion}` : '-',
    d.screen ? `${d.screen.width}x${d.screen.height}` : '-',
    d.battery ? `${d.battery.level}%${d.battery.charging ? ' (charging)' : ''}` : '-',
  ];
}

export const command: CliCommand = {
  name: 'devices',
  summary: 'list phones (USB, Wi-Fi, simulated, remote adb servers); connect or pair over Wi-Fi',
  usage: `Usage: phonepilot devices [--json] [--port N] [--connect HOST:PORT] [--pair HOST:PORT --code CODE]

Lists the phones adb sees, with model, Android version, screen size, battery and what to do
for a phone that is unauthorized or offline. Starts the adb server if none runs.
  --port N             adb server port (default: Settings, $ANDROID_ADB_SERVER_PORT, 5037)
  --connect HOST:PORT  adb connect first (adb over Wi-Fi; port defaults to 5555)
  --pair HOST:PORT     pair first (Android 11+ wireless debugging), with --code
  --json               machine-readable output`,
  async run(argv, ctx) {
    const { values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean' }, port: { type: 'string' }, connect: { type: 'string' },
        pair: { type: 'string' }, code: { type: 'string' },
      },
    });
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) throw new CliError('--port must be a TCP port number', 2);
    if (values.pair && !values.code) throw new CliError('--pair needs --code (the 6 digits shown on the phone)', 2);
    const services = await openCliServices(ctx.env);
    const settings = services.settings.get();
    const devices = deviceServiceFromSettings(settings, ctx.env, port ? { serverPort: port, batteryRefreshMs: 0 } : { batteryRefreshMs: 0 });
    try {
      await devices.start();
      if (values.pair) await devices.pair(values.pair, values.code!);
      if (values.connect) {
        const serial = await devices.connect(values.connect);
        // adb first lists a fresh connection as offline; it settles as device, or unauthorized
        // when the phone shows "Allow USB debugging?".
        await devices.waitForDevice(serial, 10_000, (d) => d.state === 'device' || d.state === 'unauthorized').catch(() => undefined);
      }
      await devices.settled();
      const list = devices.list();
      if (values.json) {
        writeJson(ctx.stdout, list);
      } else if (list.length === 0) {
        ctx.stdout.write('No phone found. Plug one in with USB debugging on, or: phonepilot devices --connect HOST:PORT\n');
      } else {
        writeTable(ctx.stdout, ['SERIAL', 'STATE', 'CONNECTION', 'MODEL', 'ANDROID', 'SCREEN', 'BATTERY'], list.map(row));
        for (const d of list) if (d.hint) ctx.stdout.write(`${d.serial}: ${d.hint}\n`);
      }
      for (const s of devices.statuses()) {
        if (!s.connected) ctx.stderr.write(`adb server ${s.server} is not reachable${s.error ? `: ${s.error}` : ''}\n`);
      }
      return 0;
    } catch (error) {
      if (error instanceof AppError || error instanceof RangeError) throw new CliError(error.message);
      throw error;
    } finally {
      await devices.dispose();
      await services.dispose();
    }
  },
};
