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
  listCameras: boolean;
  displayId: number;
  /** Explicit encoder name (video_encoder=), or null for the codec's default. */
  videoEncoder: string | null;
  audioCodec: ScrcpyAudioCodec;
  audioEncoder: string | null;
  audioBitRate: number;
  /** crop=W:H:X:Y in display pixels, or null. */
  crop: ScrcpyCrop | null;
  /** capture_orientation: rotation (and flip) of the captured picture; '@' locks it. */
  captureOrientation: ScrcpyCaptureOrientation;
  /** new_display=[WxH][/DPI] (0 = as the main display), or null to mirror display_id. */
  newDisplay: ScrcpyNewDisplay | null;
  /** screen_off_timeout in ms, -1 when not set. */
  screenOffTimeout: number;
  /** 4.x: min_size_alignment (1, 2, 4, 8 or 16). */
  minSizeAlignment: number;
  keepActive: boolean;
  ignoreVideoEncoderConstraints: boolean;
  flexDisplay: boolean;
  cameraTorch: boolean;
  cameraZoom: number;
}

export type ScrcpyAudioCodec = 'opus' | 'aac' | 'flac' | 'raw';
export interface ScrcpyCrop { width: number; height: number; x: number; y: number }
export interface ScrcpyCaptureOrientation { degrees: 0 | 90 | 180 | 270; flip: boolean; lock: 'unlocked' | 'locked-value' | 'locked-initial' }
export interface ScrcpyNewDisplay { width: number; height: number; dpi: number }

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
const AUDIO_CODECS: readonly ScrcpyAudioCodec[] = ['opus', 'aac', 'flac', 'raw'];
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

function parseFloatValue(value: string, key: string): number {
  const n = Number(value);
  if (value === '' || !Number.isFinite(n)) throw new ScrcpyOptionError(`Invalid float value for ${key}: "${value}"`);
  return n;
}

function formatNonNegative(value: unknown, key: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new RangeError(`${key} must be a non-negative number`);
  return String(value);
}

/** Encoder names are Java identifiers with dots (c2.android.avc.encoder, OMX.qcom.video.encoder.avc). */
function formatName(value: unknown, key: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(value)) throw new RangeError(`${key} must be an encoder name`);
  return value;
}

function parseCrop(value: string): ScrcpyCrop {
  const tokens = value.split(':');
  if (tokens.length !== 4) throw new ScrcpyOptionError(`Crop must contains 4 values separated by colons: "${value}"`);
  const [width, height, x, y] = tokens.map((t) => parseInt32('crop', t));
  if (width <= 0 || height <= 0) throw new ScrcpyOptionError(`Invalid crop size: ${width}x${height}`);
  if (x < 0 || y < 0) throw new ScrcpyOptionError(`Invalid crop offset: ${x}:${y}`);
  return { width, height, x, y };
}

function parseCaptureOrientation(value: string): ScrcpyCaptureOrientation {
  let v = value;
  let lock: ScrcpyCaptureOrientation['lock'] = 'unlocked';
  if (v.startsWith('@')) {
    v = v.slice(1);
    lock = v === '' ? 'locked-initial' : 'locked-value';
  }
  if (v === '') return { degrees: 0, flip: false, lock };
  const m = /^(flip)?(0|90|180|270)$/.exec(v);
  if (!m) throw new ScrcpyOptionError(`Invalid orientation: ${v}`);
  return { degrees: Number(m[2]) as ScrcpyCaptureOrientation['degrees'], flip: m[1] !== undefined, lock };
}

function parseNewDisplay(value: string): ScrcpyNewDisplay {
  const m = /^(?:(\d+)x(\d+))?(?:\/(\d+))?$/.exec(value);
  if (!m) throw new ScrcpyOptionError(`Invalid new display size: "${value}"`);
  return { width: m[1] ? Number(m[1]) : 0, height: m[2] ? Number(m[2]) : 0, dpi: m[3] ? Number(m[3]) : 0 };
}

function isUint(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= INT32_MAX;
}

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
  {
    key: 'audio_codec', field: 'audioCodec',
    parse(value) {
      if (!AUDIO_CODECS.includes(value as ScrcpyAudioCodec)) throw new ScrcpyOptionError(`Audio codec ${value} not supported`);
      return value as ScrcpyAudioCodec;
    },
    format: formatOneOf(AUDIO_CODECS),
  },
  { key: 'video_encoder', field: 'videoEncoder', parse: (value) => value || null, format: formatName },
  { key: 'audio_encoder', field: 'audioEncoder', parse: (value) => value || null, format: formatName },
  // 3.x keeps a multiple of 8 of it (parseScrcpyServerArgs); 4.x aligns the computed size instead.
  { key: 'max_size', field: 'maxSize', parse: (value, key) => parseInt32(key, value), format: formatUint },
  {
    key: 'min_size_alignment', field: 'minSizeAlignment',
    parse(value, key) {
      const align = parseInt32(key, value);
      if (align < 1 || align > 16 || (align & (align - 1)) !== 0) throw new ScrcpyOptionError(`min_size_alignment (${align}) must be 1, 2, 4, 8 or 16`);
      return align;
    },
    format(value, key) {
      if (![1, 2, 4, 8, 16].includes(value as number)) throw new RangeError(`${key} must be 1, 2, 4, 8 or 16`);
      return String(value);
    },
  },
  { key: 'audio_bit_rate', field: 'audioBitRate', parse: (value, key) => parseInt32(key, value), format: formatUint },
  { key: 'video_bit_rate', field: 'videoBitRate', parse: (value, key) => parseInt32(key, value), format: formatUint },
  {
    key: 'max_fps', field: 'maxFps',
    parse: parseFloatValue,
    format: formatNonNegative,
  },
  {
    key: 'crop', field: 'crop', parse: (value) => (value ? parseCrop(value) : null),
    format(value, key) {
      const c = value as ScrcpyCrop;
      if (!c || ![c.width, c.height, c.x, c.y].every(isUint) || c.width === 0 || c.height === 0) throw new RangeError(`${key} must be a positive size at a non-negative offset`);
      return `${c.width}:${c.height}:${c.x}:${c.y}`;
    },
  },
  {
    key: 'capture_orientation', field: 'captureOrientation', parse: parseCaptureOrientation,
    format(value, key) {
      const o = value as ScrcpyCaptureOrientation;
      if (!o || ![0, 90, 180, 270].includes(o.degrees)) throw new RangeError(`${key} must be 0, 90, 180 or 270 degrees`);
      return `${o.lock === 'unlocked' ? '' : '@'}${o.lock === 'locked-initial' ? '' : `${o.flip ? 'flip' : ''}${o.degrees}`}`;
    },
  },
  {
    key: 'new_display', field: 'newDisplay', parse: parseNewDisplay,
    format(value, key) {
      const d = value as ScrcpyNewDisplay;
      if (!d || ![d.width, d.height, d.dpi].every(isUint)) throw new RangeError(`${key} must be a size and a density`);
      return `${d.width && d.height ? `${d.width}x${d.height}` : ''}${d.dpi ? `/${d.dpi}` : ''}`;
    },
  },
  { key: 'display_id', field: 'displayId', parse: (value, key) => parseInt32(key, value), format: formatUint },
  {
    key: 'screen_off_timeout', field: 'screenOffTimeout',
    parse(value, key) {
      const ms = parseInt32(key, value);
      if (ms < -1) throw new ScrcpyOptionError(`Invalid screen off timeout: ${ms}`);
      return ms;
    },
    format: formatUint,
  },
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
  bool('list_cameras', 'listCameras'),
  bool('keep_active', 'keepActive'),
  bool('ignore_video_encoder_constraints', 'ignoreVideoEncoderConstraints'),
  bool('flex_display', 'flexDisplay'),
  bool('camera_torch', 'cameraTorch'),
  { key: 'camera_zoom', field: 'cameraZoom', parse: parseFloatValue, format: formatNonNegative },
];

/** Keys each server generation knows (others only warn): 4.0 renamed send_codec_meta and added these. */
const SINCE_4_0 = new Set(['camera_torch', 'camera_zoom', 'flex_display', 'keep_active', 'min_size_alignment', 'send_stream_meta']);
const SINCE_4_1 = new Set(['ignore_video_encoder_constraints']);
const UNTIL_3 = new Set(['send_codec_meta']);

/** Whether the server of `version` has the option `key` (Options.java of that release). */
export function serverKnowsOption(version: string, key: string): boolean {
  const [major, minor] = version.split('.').map((n) => Number.parseInt(n, 10) || 0);
  if (SINCE_4_1.has(key)) return major > 4 || (major === 4 && minor >= 1);
  if (SINCE_4_0.has(key)) return major >= 4;
  if (UNTIL_3.has(key)) return major < 4;
  return true;
}

const BY_KEY = new Map(OPTIONS.map((spec) => [spec.key, spec]));
/** Older spellings the server still reads. */
const KEY_ALIASES: Record<string, string> = { send_stream_meta: 'send_codec_meta' };
// Accepted by the server; the simulated phone has nothing they act on (no camera, one audio
// source, no IME policy), so they change nothing it shows (README lists them).
const ACCEPTED_WITHOUT_EFFECT = new Set([
  'audio_source', 'audio_dup', 'video_source', 'video_codec_options', 'audio_codec_options', 'lock_video_orientation',
  'angle', 'downsize_on_error', 'vd_destroy_content', 'vd_system_decorations', 'display_ime_policy', 'camera_id',
  'camera_size', 'camera_facing', 'camera_ar', 'camera_fps', 'camera_high_speed', 'list_camera_sizes', 'require_audio',
  'keyboard', 'mouse',
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
    listCameras: false,
    displayId: 0,
    videoEncoder: null,
    audioCodec: 'opus',
    audioEncoder: null,
    audioBitRate: 128_000,
    crop: null,
    captureOrientation: { degrees: 0, flip: false, lock: 'unlocked' },
    newDisplay: null,
    screenOffTimeout: -1,
    minSizeAlignment: 1,
    keepActive: false,
    ignoreVideoEncoderConstraints: false,
    flexDisplay: false,
    cameraTorch: false,
    cameraZoom: 1,
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
    if (value === undefined) continue;
    // 4.x spells send_codec_meta send_stream_meta; other options must exist in that version.
    const key = spec.key === 'send_codec_meta' && !serverKnowsOption(version, spec.key) ? 'send_stream_meta' : spec.key;
    if (!serverKnowsOption(version, key)) throw new RangeError(`${spec.field} needs a newer scrcpy server than ${version}`);
    args.push(`${key}=${spec.format(value, spec.field)}`);
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
    if (!serverKnowsOption(options.version, key)) {
      warnings.push(`Unknown server option: ${key}`);
    } else if (spec) {
      set[spec.field] = spec.parse(value, key);
    } else if (key === 'raw_stream' || key === 'raw_video_stream') {
      if (parseBool(value)) {
        options.sendDeviceMeta = false;
        options.sendFrameMeta = false;
        options.sendDummyByte = false;
        options.sendCodecMeta = false;
      }
    } else if (!ACCEPTED_WITHOUT_EFFECT.has(key)) {
      warnings.push(`Unknown server option: ${key}`);
    }
  }
  // 3.x Options.java keeps a multiple of 8 (H.264 macroblock alignment).
  if (options.framing === '3') options.maxSize &= ~7;
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
