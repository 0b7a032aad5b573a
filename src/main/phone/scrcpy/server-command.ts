// The shell command that starts the scrcpy server for a mirror. adbkit single-quotes array
// arguments, and a quoted `'CLASSPATH=...'` is not an assignment to sh, so this one command is a
// string; the wire package's serializer builds every token from validated numbers, booleans
// and fixed words (never user text).

import { randomInt } from 'node:crypto';
import { SCRCPY_SERVER_DEVICE_PATH, scrcpyServerArgv, type ScrcpyServerParams } from '#wire';

/** What a mirror asks of the server; absent or zero values keep the server's own defaults. */
export interface MirrorServerOptions {
  scid: number;
  /** Longest side of the video, 0 = the device's size. */
  maxSize?: number;
  videoBitRate?: number;
  maxFps?: number;
  control?: boolean;
  stayAwake?: boolean;
  showTouches?: boolean;
  powerOffOnClose?: boolean;
  clipboardAutosync?: boolean;
}

/** Random 31-bit session id (the server parses it as a signed int). */
export function randomScid(): number {
  return randomInt(0, 0x80000000);
}

/** The server options of a mirror: video only (no audio), over adb forward, scrcpy's log level. */
export function mirrorServerParams(o: MirrorServerOptions): ScrcpyServerParams {
  return {
    scid: o.scid,
    logLevel: 'info',
    tunnelForward: true,
    audio: false,
    control: o.control ?? true,
    videoCodec: 'h264',
    maxSize: o.maxSize || undefined,
    videoBitRate: o.videoBitRate || undefined,
    maxFps: o.maxFps || undefined,
    stayAwake: o.stayAwake || undefined,
    showTouches: o.showTouches || undefined,
    powerOffOnClose: o.powerOffOnClose || undefined,
    clipboardAutosync: o.clipboardAutosync === false ? false : undefined,
  };
}

/** The full `shell:` command line. */
export function serverShellCommand(version: string, o: MirrorServerOptions): string {
  return [`CLASSPATH=${SCRCPY_SERVER_DEVICE_PATH}`, ...scrcpyServerArgv(version, mirrorServerParams(o))].join(' ');
}
