// The phone through a live scrcpy mirror: screens decoded from the video it already streams,
// touches/keys/START_APP as control messages (no process started on the phone per action), any
// Unicode typed by clipboard paste (the user's clipboard put back afterwards), and settling
// measured from the frame stream. While the mirror is not running (restarting, or the phone is
// gone), every call goes through the adb operator instead, which reports a vanished phone.
import type { AgentAction } from '../../../shared/agent/actions';
import { KEYCODES, KeyAction, MotionAction, PointerId } from '#wire';
import type { MirrorSession } from '../scrcpy/mirror-session';
import type { AppCatalog } from '../apps/app-catalog';
import { resolveApp } from '../apps/resolve-app';
import type { ExecResult, PhoneOperator, ScreenCapture, WaitForStillOptions } from '../../../shared/agent/operator';
import { notFound, type AdbPhoneOperator } from './adb-operator';
import { parseWmSize } from '../adb/device-info';
import { orientLike, type Size } from '../adb/device-size';
import { decodeLastFrame } from './frame-decoder';
import { encodeScreenImage, MIME_OF, type ScreenImageOptions } from './image-encode';
import { MirrorFrames } from './mirror-frames';
import { settleConfig, type SettleConfig } from './settle-config';
import { sleepUnlessAborted } from '../../../shared/sleep';
import { clearFieldKeys } from './text-keys';

export interface MirrorPhoneOperatorOptions {
  session: MirrorSession;
  /** The same phone over adb: current app, screen size, and the fallback path. */
  adb: AdbPhoneOperator;
  apps: AppCatalog;
  image?: ScreenImageOptions;
  settle?: Partial<SettleConfig>;
  ffmpegPath?: string;
}

/** How long to wait for a key frame or the device clipboard before giving up on the mirror path. */
const KEY_FRAME_TIMEOUT_MS = 3_000;
const CLIPBOARD_READ_TIMEOUT_MS = 500;
/** A swipe's touch moves are sent this often (a 60 Hz touch panel). */
const MOVE_INTERVAL_MS = 16;
const DOUBLE_TAP_GAP_MS = 80;
const DEFAULT_LONG_PRESS_MS = 1_000;

type Picture = Omit<ScreenCapture, 'currentApp'>;

export class MirrorPhoneOperator implements PhoneOperator {
  private readonly frames: MirrorFrames;
  private readonly settle: SettleConfig;
  private cached: { seq: number; picture: Picture } | undefined;
  /** A decode in progress (a prefetch while settling, or a screen() call). */
  private decoding: { seq: number; promise: Promise<Picture> } | undefined;
  private physical: Promise<Size> | undefined;
  /** The user's clipboard, put back once the paste has been processed (after settling). */
  private restoreClipboard: string | undefined;
  private disposed = false;

  constructor(private readonly o: MirrorPhoneOperatorOptions) {
    this.frames = new MirrorFrames(o.session);
    this.settle = settleConfig(o.settle);
  }

  /** The accessibility tree comes over adb whether or not the mirror runs. */
  get uiTree(): AdbPhoneOperator['uiTree'] {
    return this.o.adb.uiTree;
  }

  /** True while screens and actions go through the mirror. */
  get live(): boolean {
    return !this.disposed && this.o.session.state === 'running' && (this.o.session.videoInfo?.width ?? 0) > 0;
  }

  async screen(signal?: AbortSignal): Promise<ScreenCapture> {
    if (!this.live) return this.o.adb.screen(signal);
    const app = this.o.adb.currentApp(signal);
    app.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
    let picture: Picture;
    try {
      picture = await this.picture(signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      return this.o.adb.screen(signal); // no key frame in time, ffmpeg trouble: screencap instead
    }
    const currentApp = await app;
    // The next decode stays short: a fresh key frame is encoded while the model thinks (not
    // while settling, where its arrival would look like the screen changing).
    this.frames.trimSoon();
    return { ...picture, currentApp };
  }

  async execute(action: AgentAction, signal: AbortSignal): Promise<ExecResult> {
    await this.flushClipboard();
    if (!this.live) return this.o.adb.execute(action, signal);
    const result = await this.executeMirrored(action, signal);
    // No control socket after all (the session just dropped): the adb path does it, or says the phone is gone.
    return result ?? this.o.adb.execute(action, signal);
  }

  async waitForStill(options: WaitForStillOptions): Promise<{ settleMs: number }> {
    const result = this.live
      ? { settleMs: await this.frames.waitForStill(this.settle, options.timeoutMs, options.signal, () => this.prefetch()) }
      : await this.o.adb.waitForStill(options);
    await this.flushClipboard();
    return result;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.flushClipboard().catch(() => undefined);
    this.disposed = true;
    await this.decoding?.promise.catch(() => undefined);
    this.frames.dispose();
    this.cached = undefined;
  }

  /** Starts decoding the current picture in the background; screen() picks it up if no frame came since. */
  private prefetch(): void {
    if (!this.live || this.frames.frameCount === 0 || this.decoding?.seq === this.frames.seq) return;
    this.picture().catch(() => undefined);
  }

  private async picture(signal?: AbortSignal): Promise<Picture> {
    const video = this.o.session.videoInfo!;
    const size = orientLike(await this.physicalSize(signal), video);
    const { frames, seq } = await this.frames.current(KEY_FRAME_TIMEOUT_MS, signal);
    const hit = this.cached;
    if (hit && hit.seq === seq && hit.picture.width === size.width && hit.picture.height === size.height) return hit.picture;
    const pending = this.decoding;
    if (pending && pending.seq === seq) {
      const picture = await pending.promise.catch(() => undefined);
      if (picture && picture.width === size.width && picture.height === size.height) return picture;
    }
    const promise = this.decode(frames, seq, size, signal);
    this.decoding = { seq, promise };
    try {
      return await promise;
    } finally {
      if (this.decoding?.promise === promise) this.decoding = undefined;
    }
  }

  private async decode(frames: Uint8Array[], seq: number, size: Size, signal?: AbortSignal): Promise<Picture> {
    const format = this.o.image?.format ?? 'jpeg';
    const quality = this.o.image?.quality ?? 85;
    const decoded = await decodeLastFrame(frames, { ...size, format: format === 'jpeg' ? 'jpeg' : 'png', quality, ffmpegPath: this.o.ffmpegPath, signal });
    const image = format === 'webp' ? (await encodeScreenImage(decoded, 'image/png', this.o.image)).image : new Uint8Array(decoded);
    const picture: Picture = { image, mime: MIME_OF[format], width: size.width, height: size.height };
    // An older decode finishing late must not replace a newer picture.
    if (!this.cached || this.cached.seq <= seq) this.cached = { seq, picture };
    return picture;
  }

  private physicalSize(signal?: AbortSignal): Promise<Size> {
    this.physical ??= this.o.adb.shell.run(['wm', 'size'], { signal }).then((out) => {
      const size = parseWmSize(out);
      if (!size) throw new Error(`could not read the screen size ("wm size" said: ${out.trim().slice(0, 80)})`);
      return size;
    });
    this.physical.catch(() => { this.physical = undefined; });
    return this.physical;
  }

  /** undefined: the control socket is gone, use adb. */
  private async executeMirrored(action: AgentAction, signal: AbortSignal): Promise<ExecResult | undefined> {
    switch (action.type) {
      case 'tap': return this.tap(action.x, action.y, signal);
      case 'double_tap': {
        const first = await this.tap(action.x, action.y, signal);
        if (!first) return undefined;
        await sleepUnlessAborted(DOUBLE_TAP_GAP_MS, signal);
        return this.tap(action.x, action.y, signal);
      }
      case 'long_press': return this.gesture([[action.x, action.y], [action.x, action.y]], action.durationMs ?? DEFAULT_LONG_PRESS_MS, signal);
      case 'swipe': return this.gesture([[action.x1, action.y1], [action.x2, action.y2]], action.durationMs, signal);
      case 'back': return this.keys([KEYCODES.BACK]);
      case 'home': return this.keys([KEYCODES.HOME]);
      case 'recents': return this.keys([KEYCODES.APP_SWITCH]);
      case 'enter': return this.keys([KEYCODES.ENTER]);
      case 'type': return this.type(action.text, action.submit === true);
      case 'launch': return this.launch(action.app);
      default: return { ok: false, message: `${action.type} is not a phone action` };
    }
  }

  /** Device pixels -> the current video's pixels (the server drops events for another size). */
  private async position(x: number, y: number, signal: AbortSignal) {
    const video = this.o.session.videoInfo!;
    const device = orientLike(await this.physicalSize(signal), video);
    return {
      x: clamp(Math.round((x * video.width) / device.width), video.width - 1),
      y: clamp(Math.round((y * video.height) / device.height), video.height - 1),
      screenWidth: video.width, screenHeight: video.height,
    };
  }

  private touch(action: number, pos: Awaited<ReturnType<MirrorPhoneOperator['position']>>): boolean {
    return this.o.session.send({
      type: 'injectTouch', action, pointerId: PointerId.GENERIC_FINGER, ...pos,
      pressure: action === MotionAction.UP ? 0 : 1, actionButton: 0, buttons: 0,
    });
  }

  private async tap(x: number, y: number, signal: AbortSignal): Promise<ExecResult | undefined> {
    const pos = await this.position(x, y, signal);
    if (!this.touch(MotionAction.DOWN, pos)) return undefined;
    this.touch(MotionAction.UP, pos);
    return { ok: true };
  }

  /** Press at the first point, move along the path over `durationMs`, lift at the last. */
  private async gesture(points: Array<[number, number]>, durationMs: number, signal: AbortSignal): Promise<ExecResult | undefined> {
    const [from, to] = points;
    const start = await this.position(from[0], from[1], signal);
    if (!this.touch(MotionAction.DOWN, start)) return undefined;
    const steps = Math.max(1, Math.round(durationMs / MOVE_INTERVAL_MS));
    for (let i = 1; i <= steps; i++) {
      await sleepUnlessAborted(durationMs / steps, signal);
      if (signal.aborted) break;
      const f = i / steps;
      this.touch(MotionAction.MOVE, await this.position(from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f, signal));
    }
    this.touch(MotionAction.UP, await this.position(to[0], to[1], signal));
    return { ok: true };
  }

  private keys(codes: number[], metaState = 0): ExecResult | undefined {
    for (const keycode of codes) {
      if (!this.o.session.send({ type: 'injectKeycode', action: KeyAction.DOWN, keycode, repeat: 0, metaState })) return undefined;
      this.o.session.send({ type: 'injectKeycode', action: KeyAction.UP, keycode, repeat: 0, metaState });
    }
    return { ok: true };
  }

  private async type(text: string, submit: boolean): Promise<ExecResult | undefined> {
    if (!this.keys(clearFieldKeys())) return undefined;
    if (text !== '') {
      const previous = this.restoreClipboard ?? await this.readClipboard();
      try {
        await this.o.session.setClipboard(text, true);
      } catch (error) {
        // The mirror dropped mid-paste: the model hears it and may try again (then over adb).
        return { ok: false, message: `Pasting the text failed: ${(error as Error).message}` };
      } finally {
        if (previous !== undefined) this.restoreClipboard = previous;
      }
    }
    return submit ? this.keys([KEYCODES.ENTER]) : { ok: true };
  }

  /** The device clipboard (GET_CLIPBOARD), or undefined when the device does not answer in time. */
  private readClipboard(): Promise<string | undefined> {
    return new Promise((resolve) => {
      const done = (text: string | undefined) => {
        clearTimeout(timer);
        this.o.session.off('clipboard', onClipboard);
        resolve(text);
      };
      const onClipboard = (text: string) => done(text);
      const timer = setTimeout(() => done(undefined), CLIPBOARD_READ_TIMEOUT_MS);
      this.o.session.on('clipboard', onClipboard);
      if (!this.o.session.send({ type: 'getClipboard', copyKey: 0 })) done(undefined);
    });
  }

  private async flushClipboard(): Promise<void> {
    const text = this.restoreClipboard;
    if (text === undefined) return;
    this.restoreClipboard = undefined;
    if (this.live) await this.o.session.setClipboard(text, false).catch(() => undefined);
  }

  private async launch(app: string): Promise<ExecResult | undefined> {
    const apps = await this.o.apps.apps(this.o.adb.shell);
    const resolved = resolveApp(app, apps);
    if (!resolved) return { ok: false, message: notFound(app, apps) };
    return this.o.session.send({ type: 'startApp', name: resolved.app.packageName }) ? { ok: true } : undefined;
  }
}

function clamp(v: number, max: number): number {
  return Math.min(Math.max(0, v), max);
}
