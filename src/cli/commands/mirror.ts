import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import { deviceServiceFromSettings } from '../../main/phone/devices/from-settings';
import { MirrorSession, type MirrorFrame } from '../../main/phone/scrcpy/mirror-session';
import { Mp4Recorder } from '../../main/phone/scrcpy/mp4-recorder';
import { provisionScrcpyServer } from '../../main/phone/scrcpy/server/provision';
import { CliError, type CliCommand } from '../command';
import { openCliServices } from '../cli-services';
import { describeRecordedSizes } from '../mirror/recorded-sizes';

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`${name} must be a positive integer`, 2);
  return n;
}

/** Resolves after `ms`, or early when the signal aborts (Ctrl-C). */
function waitFor(ms: number | undefined, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = ms === undefined ? undefined : setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export const command: CliCommand = {
  name: 'mirror',
  summary: 'mirror a phone with scrcpy; record the screen to an MP4 file',
  usage: `Usage: phonepilot mirror --serial SERIAL [--record FILE.mp4] [--duration SECONDS]
                         [--max-size N] [--bit-rate BPS] [--max-fps N] [--no-download]

Starts the scrcpy server on the phone and receives its H.264 stream. With --record, the
stream is remuxed (no re-encoding) into FILE.mp4 with ffmpeg. Runs for --duration seconds,
or until Ctrl-C. Without an installed scrcpy server, the pinned release is downloaded once
(--no-download refuses).`,
  async run(argv, ctx) {
    const { values } = parseArgs({
      args: argv,
      options: {
        serial: { type: 'string', short: 's' }, record: { type: 'string' }, duration: { type: 'string' },
        'max-size': { type: 'string' }, 'bit-rate': { type: 'string' }, 'max-fps': { type: 'string' },
        'no-download': { type: 'boolean' },
      },
    });
    if (!values.serial) throw new CliError('--serial is required (see: phonepilot devices)', 2);
    const duration = values.duration === undefined ? undefined : Number(values.duration);
    if (duration !== undefined && !(duration > 0)) throw new CliError('--duration must be a positive number of seconds', 2);
    const maxSize = positiveInt('--max-size', values['max-size']);
    const bitRate = positiveInt('--bit-rate', values['bit-rate']);
    const maxFps = positiveInt('--max-fps', values['max-fps']);

    const services = await openCliServices(ctx.env);
    const settings = services.settings.get();
    const devices = deviceServiceFromSettings(settings, ctx.env, { batteryRefreshMs: 0 });
    let session: MirrorSession | undefined;
    let recorder: Mp4Recorder | undefined;
    try {
      await devices.start();
      await devices.settled();
      if (!devices.get(values.serial)) throw new CliError(`No device ${values.serial}. Run: phonepilot devices`);
      // A phone still 'connecting'/'authorizing' gets a moment to settle.
      const device = await devices.waitForDevice(values.serial, 5000, (d) => d.state !== 'other').catch(() => devices.get(values.serial!));
      if (!device) throw new CliError(`${values.serial} disappeared. Run: phonepilot devices`);
      if (device.state !== 'device') throw new CliError(`${values.serial} is ${device.rawState}: ${device.hint ?? 'reconnect it'}`);

      let lastPercent = -1;
      const server = await provisionScrcpyServer({
        settingsPath: settings.scrcpy.serverPath, settingsVersion: settings.scrcpy.serverVersion,
        appScrcpyDir: services.paths.scrcpyDir, env: ctx.env, download: !values['no-download'], signal: ctx.signal,
        onProgress: ({ received, total }) => {
          const percent = Math.floor((received * 100) / total);
          if (percent !== lastPercent && percent % 10 === 0) ctx.stderr.write(`Downloading the scrcpy server: ${percent}%\n`);
          lastPercent = percent;
        },
      });

      session = new MirrorSession({
        client: devices.clientFor(device.serial, device.server), serial: device.serial, server: server,
        video: { maxSize, bitRate, maxFps },
      });
      let frames = 0;
      const onFrame = (f: MirrorFrame): void => {
        frames++;
        recorder?.write(f);
      };
      if (values.record) {
        recorder = new Mp4Recorder({ file: values.record });
        recorder.start();
      }
      session.on('frame', onFrame);
      session.on('state', (s) => { if (s === 'restarting') ctx.stderr.write('The scrcpy server stopped; restarting it...\n'); });
      const failed = new Promise<Error>((resolve) => session!.once('failure', resolve));
      await session.start();
      const info = session.videoInfo;
      ctx.stderr.write(`Mirroring ${session.deviceName || device.serial}${info ? ` at ${info.width}x${info.height}` : ''}${duration ? ` for ${duration} s` : ' (Ctrl-C to stop)'}\n`);
      const outcome = await Promise.race([waitFor(duration === undefined ? undefined : duration * 1000, ctx.signal).then(() => null), failed]);
      await session.stop();
      if (outcome) throw new CliError(outcome.message);
      if (recorder) {
        await recorder.stop();
        // The sizes in the file, not the session's current one (after a rotation they differ).
        const sizes = describeRecordedSizes(recorder.sizes);
        ctx.stdout.write(`Wrote ${values.record} (${recorder.frameCount} frames${sizes ? `, ${sizes}` : ''})\n`);
      } else {
        ctx.stdout.write(`Received ${frames} frames\n`);
      }
      return 0;
    } catch (error) {
      if (error instanceof AppError) throw new CliError(error.message);
      throw error;
    } finally {
      await session?.dispose();
      await recorder?.stop().catch(() => undefined);
      await devices.dispose();
      await services.dispose();
    }
  },
};
