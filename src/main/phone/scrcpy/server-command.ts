// The shell command that starts the scrcpy server. adbkit single-quotes array arguments, and a
// quoted `'CLASSPATH=...'` is not an assignment to sh, so this one command is a string; every
// token is built from validated numbers, booleans and fixed words (never user text).

import { randomInt } from 'node:crypto';

export const DEVICE_SERVER_PATH = '/data/local/tmp/scrcpy-server.jar';

export interface ScrcpyServerOptions {
  scid: number;
  /** Longest side of the video, 0 = the device's size. */
  maxSize?: number;
  videoBitRate?: number;
  maxFps?: number;
  videoCodec?: 'h264' | 'h265' | 'av1';
  audio?: boolean;
  control?: boolean;
  stayAwake?: boolean;
  showTouches?: boolean;
  powerOffOnClose?: boolean;
  clipboardAutosync?: boolean;
  logLevel?: 'verbose' | 'debug' | 'info' | 'warn' | 'error';
}

/** Random 31-bit session id (the server parses it as a signed int). */
export function randomScid(): number {
  return randomInt(0, 0x80000000);
}

export function scidHex(scid: number): string {
  return (scid >>> 0).toString(16).padStart(8, '0');
}

/** The abstract socket the server listens on: scrcpy_%08x. */
export function socketName(scid: number): string {
  return `scrcpy_${scidHex(scid)}`;
}

function uint(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) throw new RangeError(`${name} must be a non-negative integer`);
  return value;
}

/** key=value arguments, in scrcpy's spelling. */
export function serverArguments(o: ScrcpyServerOptions): string[] {
  if (!Number.isInteger(o.scid) || o.scid < 0 || o.scid > 0x7fffffff) throw new RangeError('scid must be a 31-bit integer');
  const args = [
    `scid=${scidHex(o.scid)}`,
    `log_level=${o.logLevel ?? 'info'}`,
    'tunnel_forward=true',
    `audio=${o.audio ?? false}`,
    `control=${o.control ?? true}`,
    `video_codec=${o.videoCodec ?? 'h264'}`,
  ];
  const maxSize = uint('maxSize', o.maxSize);
  const bitRate = uint('videoBitRate', o.videoBitRate);
  const maxFps = uint('maxFps', o.maxFps);
  if (maxSize) args.push(`max_size=${maxSize}`);
  if (bitRate) args.push(`video_bit_rate=${bitRate}`);
  if (maxFps) args.push(`max_fps=${maxFps}`);
  if (o.stayAwake) args.push('stay_awake=true');
  if (o.showTouches) args.push('show_touches=true');
  if (o.powerOffOnClose) args.push('power_off_on_close=true');
  if (o.clipboardAutosync === false) args.push('clipboard_autosync=false');
  return args;
}

const VERSION_RE = /^\d+\.\d+(?:\.\d+)?(?:-[\w.]+)?$/;

/** The full `shell:` command line. */
export function serverShellCommand(version: string, o: ScrcpyServerOptions): string {
  if (!VERSION_RE.test(version)) throw new RangeError(`"${version}" is not a scrcpy version`);
  return [`CLASSPATH=${DEVICE_SERVER_PATH}`, 'app_process', '/', 'com.genymobile.scrcpy.Server', version, ...serverArguments(o)].join(' ');
}
