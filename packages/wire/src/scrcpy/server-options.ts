// The scrcpy server's command line, both ways: a client serializes the options it wants
// (`app_process / com.genymobile.scrcpy.Server VERSION key=value...`), the simulated server
// parses them like Options.parse (unknown keys only warn, malformed pairs and bad values are
// fatal). One table of keys serves both, so the two sides cannot spell an option differently.
import type { ScrcpyFraming } from './video-framing';

/** The class app_process starts; the server refuses to run under any other name. */
export const SCRCPY_SERVER_CLASS = 'com.genymobile.scrcpy.Server';
/** Where scrcpy clients push the server jar (CLASSPATH of app_process). */
export const SCRCPY_SERVER_DEVICE_PATH = '/data/local/tmp/scrcpy-server.jar';

export type ScrcpyLogLevel = 'verbose' | 'debug' | 'info' | 'warn' | 'error';
export type ScrcpyVideoCodec = 'h264' | 'h265' | 'av1';

export interface ScrcpyServerOptions {
  version: string;
  framing: ScrcpyFraming;
  /** -1 when absent: the socket is then just "scrcpy". */
  scid: number;
  logLevel: ScrcpyLogLevel;
  video: boolean;
  audio: boolean;
  control: boolean;
  videoCodec: ScrcpyVideoCodec;
  maxSize: number;
  videoBitRate: number;
  maxFps: number;
  tunnelForward: boolean;
  clipboardAutosync: boolean;
  cleanup: boolean;
  powerOn: boolean;
  powerOffOnClose: boolean;
  showTouches: boolean;
  stayAwake: boolean;
  sendDeviceMeta: boolean;
  sendFrameMeta: boolean;
  sendDummyByte: boolean;
  sendCodecMeta: boolean;
  listApps: boolean;
  listEncoders: boolean;
  listDisplays: boolean;
  displayId: number;
}

/** What a client sets: any option but the version (given apart) and the framing (follows from it). */
export type ScrcpyServerParams = Partial<Omit<ScrcpyServerOptions, 'version' | 'framing'>>;

type OptionField = keyof ScrcpyServerParams;

export class ScrcpyOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IllegalArgumentException';
  }
}

const LOG_LEVELS: readonly ScrcpyLogLevel[] = ['verbose', 'debug', 'info', 'warn', 'error'];
const VIDEO_CODECS: readonly ScrcpyVideoCodec[] = ['h264', 'h265', 'av1'];
const AUDIO_CODECS = new Set(['opus', 'aac', 'flac', 'raw']);
const VERSION_RE = /^\d+\.\d+(?:\.\d+)?(?:-[\w.]+)?$/;
const INT32_MAX = 2 ** 31 - 1;

interface OptionSpec {
  key: string;
  field: OptionField;
  /** The server's reading of the value (throws ScrcpyOptionError as Options.parse would). */
  parse(value: string, key: string): ScrcpyServerParams[OptionField];
  /** The client's spelling of a value (throws RangeError on one the server would refuse). */
  format(value: unknown, key: string): string;
}

// Java's Boolean.parseBoolean: anything but "true" (any case) is false.
const parseBool = (value: string) => value.toLowerCase() === 'true';

function parseInt32(_key: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new ScrcpyOptionError(`For input string: "${value}"`);
  return Number(value);
}

function formatBool(value: unknown, key: string): string {
  if (typeof value !== 'boolean') throw new RangeError(`${key} must be true or false`);
  return String(value);
}

function formatUint(value: unknown, key: string): string {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > INT32_MAX) throw new RangeError(`${key} must be a non-negative integer`);
  return String(value);
}

function formatOneOf(values: readonly string[]) {
  return (value: unknown, key: string): string => {
    if (typeof value !== 'string' || !values.includes(value)) throw new RangeError(`${key} must be one of ${values.join(', ')}`);
    return value;
  };
}

const bool = (key: string, field: OptionField): OptionSpec => ({ key, field, parse: parseBool, format: formatBool });

/** In the order a client writes them (scrcpy's own order: identity, then streams, then behaviour). */
const OPTIONS: readonly OptionSpec[] = [
  {
    key: 'scid', field: 'scid',
    parse(value) {
      const scid = Number.parseInt(value, 16);
      if (!/^[0-9a-fA-F]+$/.test(value) || scid < -1 || scid > 0x7fffffff) throw new ScrcpyOptionError(`scid may not be negative (except -1 for 'none'): ${value}`);
      return scid;
    },
    format(value, key) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0x7fffffff) throw new RangeError(`${key} must be a 31-bit integer`);
      return scidHex(value);
    },
  },
  {
    key: 'log_level', field: 'logLevel',
    parse(value) {
      const level = value.toLowerCase() as ScrcpyLogLevel;
      if (!LOG_LEVELS.includes(level)) throw new ScrcpyOptionError(`No enum constant com.genymobile.scrcpy.util.Ln.Level.${value.toUpperCase()}`);
      return level;
    },
    format: formatOneOf(LOG_LEVELS),
  },
  bool('tunnel_forward', 'tunnelForward'),
  bool('video', 'video'),
  bool('audio', 'audio'),
  bool('control', 'control'),
  {
    key: 'video_codec', field: 'videoCodec',
    parse(value) {
      if (!VIDEO_CODECS.includes(value as ScrcpyVideoCodec)) throw new ScrcpyOptionError(`Video codec ${value} not supported`);
      return value as ScrcpyVideoCodec;
    },
    format: formatOneOf(VIDEO_CODECS),
  },
  // Options.java keeps a multiple of 8 (H.264 macroblock alignment).
  { key: 'max_size', field: 'maxSize', parse: (value, key) => parseInt32(key, value) & ~7, format: formatUint },
  { key: 'video_bit_rate', field: 'videoBitRate', parse: (value, key) => parseInt32(key, value), format: formatUint },
  {
    key: 'max_fps', field: 'maxFps',
    parse(value, key) {
      const n = Number(value);
      if (value === '' || !Number.isFinite(n)) throw new ScrcpyOptionError(`Invalid float value for ${key}: "${value}"`);
      return n;
    },
    format(value, key) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new RangeError(`${key} must be a non-negative number`);
      return String(value);
    },
  },
  { key: 'display_id', field: 'displayId', parse: (value, key) => parseInt32(key, value), format: formatUint },
  bool('stay_awake', 'stayAwake'),
  bool('show_touches', 'showTouches'),
  bool('power_off_on_close', 'powerOffOnClose'),
  bool('power_on', 'powerOn'),
  bool('clipboard_autosync', 'clipboardAutosync'),
  bool('cleanup', 'cleanup'),
  bool('send_device_meta', 'sendDeviceMeta'),
  bool('send_frame_meta', 'sendFrameMeta'),
  bool('send_dummy_byte', 'sendDummyByte'),
  bool('send_codec_meta', 'sendCodecMeta'),
  bool('list_apps', 'listApps'),
  bool('list_encoders', 'listEncoders'),
  bool('list_displays', 'listDisplays'),
];

const BY_KEY = new Map(OPTIONS.map((spec) => [spec.key, spec]));
/** Older spellings the server still reads. */
const KEY_ALIASES: Record<string, string> = { send_stream_meta: 'send_codec_meta' };
// Accepted by the server and without effect on what a client here (or the simulated screen) sees.
const ACCEPTED_WITHOUT_EFFECT = new Set([
  'audio_bit_rate', 'audio_source', 'audio_dup', 'video_source', 'video_encoder', 'audio_encoder',
  'video_codec_options', 'audio_codec_options', 'screen_off_timeout', 'crop', 'lock_video_orientation',
  'capture_orientation', 'angle', 'downsize_on_error', 'vd_destroy_content', 'vd_system_decorations',
  'display_ime_policy', 'new_display', 'camera_id', 'camera_size', 'camera_facing', 'camera_ar', 'camera_fps',
  'camera_high_speed', 'list_camera_sizes', 'list_cameras', 'require_audio', 'keyboard', 'mouse',
]);

/** The server's defaults (Options.java), what an absent key means. */
function defaults(version: string): ScrcpyServerOptions {
  const major = Number.parseInt(version, 10);
  return {
    version,
    framing: Number.isFinite(major) && major >= 4 ? '4' : '3',
    scid: -1,
    logLevel: 'debug',
    video: true,
    audio: true,
    control: true,
    videoCodec: 'h264',
    maxSize: 0,
    videoBitRate: 8_000_000,
    maxFps: 0,
    tunnelForward: false,
    clipboardAutosync: true,
    cleanup: true,
    powerOn: true,
    powerOffOnClose: false,
    showTouches: false,
    stayAwake: false,
    sendDeviceMeta: true,
    sendFrameMeta: true,
    sendDummyByte: true,
    sendCodecMeta: true,
    listApps: false,
    listEncoders: false,
    listDisplays: false,
    displayId: 0,
  };
}

export function isScrcpyServerVersion(version: string): boolean {
  return VERSION_RE.test(version);
}

/**
 * VERSION then key=value for every option given, in scrcpy's spelling. Every token comes from a
 * validated number, boolean or fixed word, so the line is safe to pass to a device shell.
 */
export function serializeScrcpyServerArgs(version: string, params: ScrcpyServerParams): string[] {
  if (!isScrcpyServerVersion(version)) throw new RangeError(`"${version}" is not a scrcpy version`);
  const args = [version];
  for (const spec of OPTIONS) {
    const value = params[spec.field];
    if (value !== undefined) args.push(`${spec.key}=${spec.format(value, spec.field)}`);
  }
  return args;
}

/** The app_process argv that starts the server (CLASSPATH names the pushed jar). */
export function scrcpyServerArgv(version: string, params: ScrcpyServerParams): string[] {
  return ['app_process', '/', SCRCPY_SERVER_CLASS, ...serializeScrcpyServerArgs(version, params)];
}

/** `args` are what follows the main class: VERSION then key=value pairs. */
export function parseScrcpyServerArgs(args: string[]): { options: ScrcpyServerOptions; warnings: string[] } {
  if (args.length < 1) throw new ScrcpyOptionError('Missing client version');
  const options = defaults(args[0]);
  const set = options as unknown as Record<OptionField, unknown>;
  const warnings: string[] = [];
  for (const arg of args.slice(1)) {
    const eq = arg.indexOf('=');
    if (eq === -1) throw new ScrcpyOptionError(`Invalid key=value pair: "${arg}"`);
    const key = arg.slice(0, eq);
    const value = arg.slice(eq + 1);
    const spec = BY_KEY.get(KEY_ALIASES[key] ?? key);
    if (spec) {
      set[spec.field] = spec.parse(value, key);
    } else if (key === 'raw_stream' || key === 'raw_video_stream') {
      if (parseBool(value)) {
        options.sendDeviceMeta = false;
        options.sendFrameMeta = false;
        options.sendDummyByte = false;
        options.sendCodecMeta = false;
      }
    } else if (key === 'audio_codec') {
      if (!AUDIO_CODECS.has(value)) throw new ScrcpyOptionError(`Audio codec ${value} not supported`);
    } else if (!ACCEPTED_WITHOUT_EFFECT.has(key)) {
      warnings.push(`Unknown server option: ${key}`);
    }
  }
  return { options, warnings };
}

/**
 * Video size for a screen, as scrcpy's ScreenInfo.computeVideoSize: both sides floored to a
 * multiple of 8; with max_size, the major side becomes max_size and the minor side keeps the
 * aspect ratio, rounded to the nearest multiple of 8.
 */
export function computeVideoSize(width: number, height: number, maxSize: number): { width: number; height: number } {
  let w = width & ~7;
  let h = height & ~7;
  if (maxSize > 0) {
    const portrait = h > w;
    let major = portrait ? h : w;
    let minor = portrait ? w : h;
    if (major > maxSize) {
      const minorExact = Math.floor((minor * maxSize) / major);
      minor = (minorExact + 4) & ~7;
      major = maxSize;
    }
    w = portrait ? minor : major;
    h = portrait ? major : minor;
  }
  return { width: w, height: h };
}

/** The session id as the server reads it: 8 hex digits. */
export function scidHex(scid: number): string {
  return (scid >>> 0).toString(16).padStart(8, '0');
}

/** Abstract socket name: `scrcpy_%08x`, or plain `scrcpy` without scid. */
export function socketName(scid: number): string {
  return scid === -1 ? 'scrcpy' : `scrcpy_${scidHex(scid)}`;
}
