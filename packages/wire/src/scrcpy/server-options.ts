// scrcpy server arguments (`VERSION key=value...`), parsed like Options.parse: unknown keys
// only warn, malformed pairs and bad values are fatal.
import type { ScrcpyFraming } from './video-framing';

export interface ScrcpyServerOptions {
  version: string;
  framing: ScrcpyFraming;
  /** -1 when absent: the socket is then just "scrcpy". */
  scid: number;
  logLevel: 'verbose' | 'debug' | 'info' | 'warn' | 'error';
  video: boolean;
  audio: boolean;
  control: boolean;
  videoCodec: 'h264' | 'h265' | 'av1';
  maxSize: number;
  videoBitRate: number;
  maxFps: number;
  tunnelForward: boolean;
  clipboardAutosync: boolean;
  cleanup: boolean;
  powerOn: boolean;
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

export class ScrcpyOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IllegalArgumentException';
  }
}

const LOG_LEVELS = new Set(['verbose', 'debug', 'info', 'warn', 'error']);
const VIDEO_CODECS = new Set(['h264', 'h265', 'av1']);
const AUDIO_CODECS = new Set(['opus', 'aac', 'flac', 'raw']);

function parseBool(value: string): boolean {
  // Java's Boolean.parseBoolean: anything but "true" (any case) is false.
  return value.toLowerCase() === 'true';
}

function parseInt32(key: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new ScrcpyOptionError(`For input string: "${value}"`);
  return Number(value);
}

function parseFloatOption(key: string, value: string): number {
  const n = Number(value);
  if (value === '' || !Number.isFinite(n)) throw new ScrcpyOptionError(`Invalid float value for ${key}: "${value}"`);
  return n;
}

/** `args` are what follows the main class: VERSION then key=value pairs. */
export function parseScrcpyServerArgs(args: string[]): { options: ScrcpyServerOptions; warnings: string[] } {
  if (args.length < 1) throw new ScrcpyOptionError('Missing client version');
  const version = args[0];
  const major = Number.parseInt(version, 10);
  const options: ScrcpyServerOptions = {
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
  const warnings: string[] = [];
  for (const arg of args.slice(1)) {
    const eq = arg.indexOf('=');
    if (eq === -1) throw new ScrcpyOptionError(`Invalid key=value pair: "${arg}"`);
    const key = arg.slice(0, eq);
    const value = arg.slice(eq + 1);
    switch (key) {
      case 'scid': {
        const scid = Number.parseInt(value, 16);
        if (!/^[0-9a-fA-F]+$/.test(value) || scid < -1 || scid > 0x7fffffff) throw new ScrcpyOptionError(`scid may not be negative (except -1 for 'none'): ${value}`);
        options.scid = scid;
        break;
      }
      case 'log_level':
        if (!LOG_LEVELS.has(value.toLowerCase())) throw new ScrcpyOptionError(`No enum constant com.genymobile.scrcpy.util.Ln.Level.${value.toUpperCase()}`);
        options.logLevel = value.toLowerCase() as ScrcpyServerOptions['logLevel'];
        break;
      case 'video': options.video = parseBool(value); break;
      case 'audio': options.audio = parseBool(value); break;
      case 'control': options.control = parseBool(value); break;
      case 'video_codec':
        if (!VIDEO_CODECS.has(value)) throw new ScrcpyOptionError(`Video codec ${value} not supported`);
        options.videoCodec = value as ScrcpyServerOptions['videoCodec'];
        break;
      case 'audio_codec':
        if (!AUDIO_CODECS.has(value)) throw new ScrcpyOptionError(`Audio codec ${value} not supported`);
        break;
      case 'max_size':
        // Options.java keeps a multiple of 8 (H.264 macroblock alignment).
        options.maxSize = parseInt32(key, value) & ~7;
        break;
      case 'video_bit_rate': options.videoBitRate = parseInt32(key, value); break;
      case 'max_fps': options.maxFps = parseFloatOption(key, value); break;
      case 'tunnel_forward': options.tunnelForward = parseBool(value); break;
      case 'clipboard_autosync': options.clipboardAutosync = parseBool(value); break;
      case 'cleanup': options.cleanup = parseBool(value); break;
      case 'power_on': options.powerOn = parseBool(value); break;
      case 'show_touches': options.showTouches = parseBool(value); break;
      case 'stay_awake': options.stayAwake = parseBool(value); break;
      case 'send_device_meta': options.sendDeviceMeta = parseBool(value); break;
      case 'send_frame_meta': options.sendFrameMeta = parseBool(value); break;
      case 'send_dummy_byte': options.sendDummyByte = parseBool(value); break;
      case 'send_codec_meta':
      case 'send_stream_meta':
        options.sendCodecMeta = parseBool(value);
        break;
      case 'raw_stream':
      case 'raw_video_stream':
        if (parseBool(value)) {
          options.sendDeviceMeta = false;
          options.sendFrameMeta = false;
          options.sendDummyByte = false;
          options.sendCodecMeta = false;
        }
        break;
      case 'list_apps': options.listApps = parseBool(value); break;
      case 'list_encoders': options.listEncoders = parseBool(value); break;
      case 'list_displays': options.listDisplays = parseBool(value); break;
      case 'display_id': options.displayId = parseInt32(key, value); break;
      // Accepted and irrelevant to a simulated screen.
      case 'audio_bit_rate': case 'audio_source': case 'audio_dup': case 'video_source':
      case 'video_encoder': case 'audio_encoder': case 'video_codec_options': case 'audio_codec_options':
      case 'power_off_on_close': case 'screen_off_timeout': case 'crop': case 'lock_video_orientation':
      case 'capture_orientation': case 'angle': case 'downsize_on_error': case 'vd_destroy_content':
      case 'vd_system_decorations': case 'display_ime_policy': case 'new_display': case 'camera_id':
      case 'camera_size': case 'camera_facing': case 'camera_ar': case 'camera_fps': case 'camera_high_speed':
      case 'list_camera_sizes': case 'list_cameras': case 'require_audio': case 'keyboard': case 'mouse':
        break;
      default:
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

/** Abstract socket name: `scrcpy_%08x`, or plain `scrcpy` without scid. */
export function socketName(scid: number): string {
  return scid === -1 ? 'scrcpy' : `scrcpy_${scid.toString(16).padStart(8, '0')}`;
}
