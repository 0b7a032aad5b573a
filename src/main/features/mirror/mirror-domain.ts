// The mirror area of the app: one DeviceMirror per device (several at once: the renderer shows
// them as tabs), its video on renderer streams, input from the renderer (validated by the
// contract) to its control socket, clipboard both ways, unplug/replug as states, recording.

import { join } from 'node:path';
import type { MirrorSessionInfo } from '../../../shared/contract';
import type { Device } from '../../../shared/device';
import { AppError } from '../../../shared/errors';
import type { ControlMessage } from '#wire';
import type { DevicesDomain } from '../devices/device-domain';
import type { Domain, DomainContext } from '../domain';
import { UploadBuffer } from '../../platform/upload-buffer';
import { DeviceMirror } from '../../phone/scrcpy/device-mirror';
import { installApk, isApkName, pushToDownloads, safeDeviceFileName } from '../../phone/adb/file-transfer';
import { MirrorRecording } from '../../phone/scrcpy/mirror-recording';
import { scrcpyServerForDevice } from '../../phone/scrcpy/server-for-device';

export interface MirrorDomain extends Domain {
  /** Running mirrors by serial (tests and benchmarks observe them). */
  readonly mirrors: ReadonlyMap<string, DeviceMirror>;
}

/** Largest file a drop sends to a phone. */
const MAX_FILE_BYTES = 4 * 1024 * 1024 * 1024;

const POSITIONAL = new Set<ControlMessage['type']>(['injectTouch', 'injectScroll']);

export function createMirrorDomain(ctx: DomainContext, devices: DevicesDomain): MirrorDomain {
  const mirrors = new Map<string, DeviceMirror>();
  const recordings = new Map<string, MirrorRecording>();
  let unsubscribeDevices: (() => void) | undefined;
  // Files dropped on a mirror, on their way to the phone.
  const uploads = new UploadBuffer(join(ctx.paths.dataDir, '.uploads', 'files'), {
    maxBytes: MAX_FILE_BYTES,
    tooLarge: (mb) => `The file is larger than ${mb} MB: copy it to the phone another way (adb push).`,
  });

  function device(serial: string): Device | undefined {
    return devices.service?.get(serial);
  }

  /** The device a file goes to, usable now (else a clear error). */
  function usableDevice(serial: string): Device {
    const d = device(serial);
    if (!d) throw new AppError('device_gone', `The phone ${serial} is not connected any more: reconnect it and drop the file again.`, { retryable: true });
    if (d.state !== 'device') throw new AppError(d.state === 'unauthorized' ? 'device_unauthorized' : 'device_offline', `${serial} is ${d.rawState}: ${d.hint ?? 'reconnect it.'}`, { retryable: true });
    return d;
  }

  function publish(info: MirrorSessionInfo): void {
    ctx.bus.emit('mirror.state', info);
  }

  async function stopMirror(serial: string, reason: string): Promise<void> {
    const mirror = mirrors.get(serial);
    if (!mirror) return;
    mirrors.delete(serial);
    await recordings.get(serial)?.stop().catch(() => undefined);
    recordings.delete(serial);
    await mirror.stop(reason);
  }

  async function openMirror(serial: string, video: { maxSize?: number; maxFps?: number }): Promise<DeviceMirror> {
    const d = device(serial);
    if (!d) throw new AppError('not_found', `No device ${serial}: connect it first (see the device list).`);
    if (d.state !== 'device') throw new AppError(d.state === 'unauthorized' ? 'device_unauthorized' : 'device_offline', `${serial} is ${d.rawState}: ${d.hint ?? 'reconnect it.'}`, { retryable: true });
    // No scrcpy server to be had (none installed, download impossible): the low-frame-rate
    // mirror (screencap + adb shell input) keeps the app usable.
    let noServerReason: string | undefined;
    const server = await scrcpyServerForDevice({
      settings: ctx.settings.get(), scrcpyDir: ctx.paths.scrcpyDir, env: ctx.env,
      simulated: d.connection === 'simulated',
    }).catch((error: unknown) => {
      noServerReason = (error as Error).message;
      return null;
    });
    const mirror = new DeviceMirror({
      serial,
      client: () => {
        const service = devices.service;
        if (!service) throw new AppError('adb_unavailable', 'adb is not running.');
        return service.clientFor(serial);
      },
      server: server ? { path: server.path, version: server.version } : null,
      noServerReason,
      screen: () => device(serial)?.screen,
      video,
    });
    mirror.on('changed', publish);
    mirror.on('clipboard', (text) => ctx.bus.emit('mirror.clipboard', { serial, text }));
    // The renderer closed its last view (tab closed, window reloaded): nothing to show it on.
    mirror.on('idle', () => {
      if (!recordings.has(serial)) void stopMirror(serial, 'no viewer');
    });
    mirrors.set(serial, mirror);
    try {
      await mirror.start();
    } catch (error) {
      mirrors.delete(serial);
      await mirror.stop('failed');
      throw error;
    }
    return mirror;
  }

  /** Unplug -> 'disconnected'; replug -> a fresh session on the same streams. */
  function onDevices(list: Device[]): void {
    for (const mirror of mirrors.values()) {
      const d = list.find((x) => x.serial === mirror.serial);
      const usable = d?.state === 'device';
      if (!usable && mirror.hasSession) void mirror.deviceGone();
      else if (usable && !mirror.hasSession && mirror.state === 'disconnected') void mirror.deviceBack();
    }
  }

  const pendingStarts = new Map<string, Promise<DeviceMirror>>();

  return {
    name: 'mirror',
    mirrors,
    async start() {
      unsubscribeDevices = devices.onDevices(onDevices);
    },
    async dispose() {
      unsubscribeDevices?.();
      await Promise.allSettled([...pendingStarts.values()]);
      await uploads.dispose();
      await Promise.all([...mirrors.keys()].map((serial) => stopMirror(serial, 'PhonePilot is closing')));
    },
    handlers: {
      'mirror.start': async ({ serial, maxSize, maxFps }) => {
        let mirror = mirrors.get(serial);
        if (!mirror) {
          // Two windows asking at once share one start.
          let pending = pendingStarts.get(serial);
          if (!pending) {
            pending = openMirror(serial, { maxSize, maxFps }).finally(() => pendingStarts.delete(serial));
            pendingStarts.set(serial, pending);
          }
          mirror = await pending;
        }
        const sink = ctx.streams.open();
        mirror.addSink(sink);
        return { streamId: sink.id, session: mirror.info };
      },
      'mirror.stop': async ({ serial }) => {
        await stopMirror(serial, 'closed');
        return {};
      },
      'mirror.list': async () => ({ sessions: [...mirrors.values()].map((m) => m.info) }),
      'mirror.control': async ({ serial, message }) => {
        const mirror = mirrors.get(serial);
        if (!mirror) {
          const what = POSITIONAL.has(message.type) ? 'Touch and scroll events need' : 'Input needs';
          throw new AppError('not_found', `${what} a running mirror of ${serial}: open it first.`);
        }
        await mirror.control(message);
        return {};
      },
      'files.send': async ({ serial, uploadId, name, size, offset, data, final }) => {
        const apk = isApkName(name);
        if (offset === 0) {
          // Refuse before any byte is uploaded: a bad name or a missing phone will not change.
          if (!apk) safeDeviceFileName(name);
          usableDevice(serial);
        }
        const received = await uploads.append(uploadId, offset, data);
        const progress = (phase: 'uploading' | 'installing' | 'pushing', transferred: number) =>
          ctx.bus.emit('files.progress', { serial, uploadId, name, phase, transferred, total: size });
        progress('uploading', received);
        if (!final) return { received, result: null };
        try {
          if (received !== size) throw new AppError('validation', `Received ${received} of ${size} bytes of ${name}: drop the file again.`);
          usableDevice(serial);
          const service = devices.service;
          if (!service) throw new AppError('adb_unavailable', 'adb is not running: see the device list for the fix.', { retryable: true });
          const client = service.clientFor(serial);
          const file = uploads.fileOf(uploadId);
          if (apk) {
            progress('installing', 0);
            const answer = await installApk(client, serial, file, name, size, (n) => progress('installing', n));
            return { received, result: { kind: 'installed' as const, path: null, message: `Installed ${name} (${answer})` } };
          }
          progress('pushing', 0);
          const path = await pushToDownloads(client, serial, file, name, size, (n) => progress('pushing', n));
          return { received, result: { kind: 'pushed' as const, path, message: `Copied to ${path}` } };
        } finally {
          await uploads.discard(uploadId);
        }
      },
      'mirror.record': async ({ serial, on }) => {
        const mirror = mirrors.get(serial);
        if (!mirror) throw new AppError('not_found', `No mirror of ${serial} to record: open it first.`);
        if (!on) {
          const recording = recordings.get(serial);
          recordings.delete(serial);
          const file = (await recording?.stop()) ?? null;
          mirror.recording = undefined;
          publish(mirror.info);
          return { file };
        }
        if (recordings.has(serial)) throw new AppError('conflict', `${serial} is already being recorded.`);
        if (mirror.mode === 'screencap') throw new AppError('unavailable', 'Recording needs the scrcpy server (the low frame rate mirror has no video stream): install scrcpy or pick its server in Settings.');
        const recording = new MirrorRecording({ mirror, dir: join(ctx.paths.dataDir, 'recordings'), env: ctx.env });
        const file = await recording.start();
        recordings.set(serial, recording);
        mirror.recording = file;
        publish(mirror.info);
        return { file };
      },
    },
  };
}
