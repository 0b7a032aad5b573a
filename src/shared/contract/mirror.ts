import { z } from 'zod';
import type { ControlMessage } from '#wire';
import { event, request } from './define';
import { StreamHandle } from './streams';

// Live mirrors, one per device: video goes out on a binary stream (src/shared/mirror/
// mirror-stream.ts messages), input comes back as control messages validated here.

/**
 * u64/i64 fields cross as decimal strings (JSON has no bigint; Electron's clone has, but one
 * wire form keeps both transports equal) and become bigints for the handler.
 */
const bigintText = z.string().regex(/^-?\d{1,20}$/).transform((s) => BigInt(s));
const u8 = z.number().int().min(0).max(0xff);
const i32 = z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1);
const u32 = z.number().int().min(0).max(2 ** 32 - 1);
const u16 = z.number().int().min(0).max(0xffff);
const position = { x: i32, y: i32, screenWidth: u16, screenHeight: u16 };
/** The server refuses control messages over 256 KiB; clipboard text is capped below that. */
const MAX_TEXT = 64 * 1024;

/**
 * The control messages a renderer may send: ControlMessage minus UHID (the app does not emulate
 * HID devices), each field range-checked to what its wire encoding can carry.
 */
export const ControlMessageWire = z.discriminatedUnion('type', [
  z.object({ type: z.literal('injectKeycode'), action: z.union([z.literal(0), z.literal(1)]), keycode: i32, repeat: u32, metaState: u32 }).strict(),
  z.object({ type: z.literal('injectText'), text: z.string().min(1).max(300) }).strict(),
  z.object({ type: z.literal('injectTouch'), action: u8, pointerId: bigintText, pressure: z.number().min(0).max(1), actionButton: u32, buttons: u32, ...position }).strict(),
  z.object({ type: z.literal('injectScroll'), hscroll: z.number().min(-16).max(16), vscroll: z.number().min(-16).max(16), buttons: u32, ...position }).strict(),
  z.object({ type: z.literal('backOrScreenOn'), action: z.union([z.literal(0), z.literal(1)]) }).strict(),
  z.object({ type: z.literal('expandNotificationPanel') }).strict(),
  z.object({ type: z.literal('expandSettingsPanel') }).strict(),
  z.object({ type: z.literal('collapsePanels') }).strict(),
  z.object({ type: z.literal('getClipboard'), copyKey: z.union([z.literal(0), z.literal(1), z.literal(2)]) }).strict(),
  z.object({ type: z.literal('setClipboard'), sequence: bigintText, paste: z.boolean(), text: z.string().max(MAX_TEXT) }).strict(),
  z.object({ type: z.literal('setDisplayPower'), on: z.boolean() }).strict(),
  z.object({ type: z.literal('rotateDevice') }).strict(),
  z.object({ type: z.literal('openHardKeyboardSettings') }).strict(),
  z.object({ type: z.literal('startApp'), name: z.string().min(1).max(255) }).strict(),
  z.object({ type: z.literal('resetVideo') }).strict(),
]);
export type ControlMessageWire = z.input<typeof ControlMessageWire>;

// What the schema yields must be a ControlMessage the session can serialize.
const parsedIsControlMessage = (m: z.output<typeof ControlMessageWire>): ControlMessage => m;
void parsedIsControlMessage;

/** Renderer side: a ControlMessage as it crosses the contract (bigints as text). */
export function toControlWire(message: ControlMessage): ControlMessageWire {
  if (message.type === 'uhidCreate' || message.type === 'uhidInput' || message.type === 'uhidDestroy') {
    throw new RangeError(`${message.type} is not sent by the app`);
  }
  if (message.type === 'injectTouch') return { ...message, pointerId: message.pointerId.toString() } as ControlMessageWire;
  if (message.type === 'setClipboard') return { ...message, sequence: message.sequence.toString() };
  return message as ControlMessageWire;
}

export const MirrorState = z.enum([
  'starting',
  'running',
  /** The scrcpy server died and is being restarted with backoff. */
  'reconnecting',
  /** The device went away (unplugged, adb lost it); resumes on its own when it comes back. */
  'disconnected',
  /** Gave up: `message` says why and what to do. */
  'failed',
  'stopped',
]);
export type MirrorState = z.infer<typeof MirrorState>;

export const MirrorSessionInfo = z.object({
  serial: z.string(),
  state: MirrorState,
  /** 'scrcpy': H.264 video and scrcpy control; 'screencap': low frame-rate fallback. */
  mode: z.enum(['scrcpy', 'screencap']),
  message: z.string().optional(),
  video: z.object({ codec: z.string(), width: z.number(), height: z.number() }).optional(),
  /** Set while recording: the file being written. */
  recording: z.string().optional(),
});
export type MirrorSessionInfo = z.infer<typeof MirrorSessionInfo>;

const serial = z.string().min(1).max(260);

export const mirrorRequests = {
  /**
   * Starts (or joins) the mirror of a device and opens a stream for this caller: the stream
   * begins with a config message and a key frame. Attach with api.attachStream(streamId).
   */
  'mirror.start': request(
    z.object({ serial, maxSize: z.number().int().min(0).max(8192).optional(), maxFps: z.number().int().min(1).max(120).optional() }).strict(),
    StreamHandle.extend({ session: MirrorSessionInfo }),
  ),
  'mirror.stop': request(z.object({ serial }).strict(), z.object({})),
  'mirror.list': request(z.object({}).strict(), z.object({ sessions: z.array(MirrorSessionInfo) })),
  /** Input for the device's session; positional events need a running session. */
  'mirror.control': request(z.object({ serial, message: ControlMessageWire }).strict(), z.object({})),
  /** Starts recording the mirror to an MP4 (raw .h264 without ffmpeg) in the recordings folder. */
  'mirror.record': request(z.object({ serial, on: z.boolean() }).strict(), z.object({ file: z.string().nullable() })),
};

export const mirrorEvents = {
  'mirror.state': event(MirrorSessionInfo),
  /** The device's clipboard changed (copy on the phone): the renderer copies it when focused. */
  'mirror.clipboard': event(z.object({ serial: z.string(), text: z.string() })),
};
