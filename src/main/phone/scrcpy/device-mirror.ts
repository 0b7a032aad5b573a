// The mirror of ONE device across its whole life in the app: a MirrorSession while the device
// is there (a new one after an unplug/replug), the renderer streams it feeds, the clipboard and
// the state the UI shows. stop() tears down what is running, in reverse order of start.

import { EventEmitter } from 'node:events';
import type { MirrorSessionInfo, MirrorState } from '../../../shared/contract';
import type { ControlMessage } from '#wire';
import { AppError } from '../../../shared/errors';
import type { AdbClient } from '../adb/adbkit';
import { DeviceShell } from '../adb/device-shell';
import type { PollTiming } from '../screencap/adaptive-poll';
import { ScreencapSession } from '../screencap/screencap-session';
import type { StreamSink } from '../../platform/stream-hub';
import { MirrorSession, type MirrorFrame } from './mirror-session';
import { mainClockMs, MirrorStreamFanout } from './mirror-stream-sink';

export interface DeviceMirrorOptions {
  serial: string;
  /** The adbkit client of the server listing the device (looked up again on every start). */
  client(): AdbClient;
  /** null: no scrcpy server could be had; the mirror runs in low-frame-rate (screencap) mode. */
  server: { path: string; version: string } | null;
  /** Why there is no server (shown with the low-frame-rate label). */
  noServerReason?: string;
  /** Screencap polling pace (tests). */
  screencapTiming?: Partial<PollTiming>;
  /** The device's screen in pixels, when known (sent with the stream config). */
  screen(): { width: number; height: number } | undefined;
  video?: { maxSize?: number; maxFps?: number; bitRate?: number };
  restart?: { attempts?: number; minDelayMs?: number; maxDelayMs?: number };
}

type Events = {
  changed: [MirrorSessionInfo];
  clipboard: [string];
  /** Every frame with main's arrival time (recorder, benchmarks). */
  frame: [MirrorFrame, number];
  /** No renderer is watching any more. */
  idle: [];
};

export class DeviceMirror extends EventEmitter<Events> {
  readonly fanout = new MirrorStreamFanout();
  private session: MirrorSession | null = null;
  /** Low-frame-rate mode's session (instead of `session`). */
  private screencap: ScreencapSession | null = null;
  private stateValue: MirrorState = 'starting';
  private message: string | undefined;
  private stopped = false;
  recording: string | undefined;

  constructor(private readonly options: DeviceMirrorOptions) {
    super();
    this.fanout.onEmpty(() => this.emit('idle'));
  }

  get serial(): string {
    return this.options.serial;
  }

  get info(): MirrorSessionInfo {
    const picture = this.screencap?.latest;
    const video = picture ? { codec: 'png', width: picture.width, height: picture.height } : this.session?.videoInfo;
    return {
      serial: this.serial,
      state: this.stateValue,
      mode: this.mode,
      ...(this.message ? { message: this.message } : {}),
      ...(video && video.codec ? { video: { codec: video.codec, width: video.width, height: video.height } } : {}),
      ...(this.recording ? { recording: this.recording } : {}),
    };
  }

  get mode(): 'scrcpy' | 'screencap' {
    return this.options.server ? 'scrcpy' : 'screencap';
  }

  get state(): MirrorState {
    return this.stateValue;
  }

  /** Starts video; rejects when the server cannot be started (state 'failed', with the reason). */
  async start(): Promise<void> {
    const server = this.options.server;
    if (!server) return this.startScreencap();
    const session = new MirrorSession({
      client: this.options.client(),
      serial: this.serial,
      server,
      video: this.options.video,
      restart: this.options.restart,
    });
    this.session = session;
    session.on('video', (v) => {
      // Sizes can arrive before the SPS (4.x session packets): the config waits for the codec.
      if (!v.codec) return;
      const screen = this.options.screen();
      this.fanout.setConfig({
        codec: v.codec, codedWidth: v.width, codedHeight: v.height,
        screenWidth: screen?.width ?? 0, screenHeight: screen?.height ?? 0, rotation: null,
      });
      this.publish();
    });
    session.on('frame', (frame) => {
      const at = mainClockMs();
      this.fanout.frame(frame, at);
      this.emit('frame', frame, at);
    });
    session.on('clipboard', (text) => this.emit('clipboard', text));
    session.on('state', (state) => {
      if (this.session !== session) return;
      if (state === 'restarting') this.setState('reconnecting', 'The mirror stopped; restarting it…');
      else if (state === 'running') this.setState('running');
    });
    session.on('failure', (error) => {
      if (this.session === session) this.setState('failed', `${error.message} Close the tab and start the mirror again.`);
    });
    this.setState('starting');
    try {
      await session.start();
    } catch (error) {
      if (this.session === session) {
        this.session = null;
        await session.dispose();
        if (!this.stopped) this.setState('failed', (error as Error).message);
      }
      throw error;
    }
  }

  /** Low-frame-rate mode: screencap polling and `input` commands. */
  private async startScreencap(): Promise<void> {
    const session = new ScreencapSession({ shell: new DeviceShell(this.options.client(), this.serial), timing: this.options.screencapTiming });
    this.screencap = session;
    const label = `Low frame rate: no scrcpy server${this.options.noServerReason ? ` (${this.options.noServerReason})` : ''}. Input goes through adb shell input; only ASCII text can be typed.`;
    session.on('image', (image) => {
      this.fanout.image({ format: 'png', width: image.width, height: image.height, receivedAtMs: mainClockMs(), data: image.png });
      if (this.stateValue !== 'running') this.setState('running', label);
    });
    session.on('state', (state, message) => {
      if (this.screencap !== session) return;
      if (state === 'retrying') this.setState('reconnecting', message);
      else this.setState('running', label);
    });
    this.setState('starting');
    try {
      await session.start();
    } catch (error) {
      if (this.screencap === session) {
        this.screencap = null;
        await session.dispose();
        if (!this.stopped) this.setState('failed', (error as Error).message);
      }
      throw error;
    }
    // The first picture may have arrived before the listener saw a change of state.
    if (this.screencap === session && this.stateValue !== 'running') this.setState('running', label);
  }

  /** A renderer joins: it gets the config now and frames from the next key frame. */
  addSink(sink: StreamSink): void {
    this.fanout.add(sink);
    this.session?.requestKeyFrame();
  }

  /** Sends input; false when there is no control connection right now. */
  send(message: ControlMessage): boolean {
    if (this.screencap) {
      void this.screencap.control(message).catch(() => undefined);
      return true;
    }
    return this.session?.send(message) ?? false;
  }

  /** Sends input and reports failures (low-frame-rate mode runs a command per event). */
  async control(message: ControlMessage): Promise<void> {
    if (this.screencap) return this.screencap.control(message);
    if (!this.send(message)) {
      throw new AppError('unavailable', `The mirror of ${this.serial} is ${this.state}: input resumes when it is running again.`, { retryable: true });
    }
  }

  get hasSession(): boolean {
    return this.session !== null || this.screencap !== null;
  }

  /** The live session, for the agent's operator (frames and control); null while there is none. */
  get currentSession(): MirrorSession | null {
    return this.session;
  }

  /** The device went away (unplug, adb lost it): drop the session, keep the streams. */
  async deviceGone(): Promise<void> {
    const session = this.session;
    const screencap = this.screencap;
    this.session = null;
    this.screencap = null;
    this.setState('disconnected', 'The phone was disconnected. The mirror resumes when it is back.');
    await session?.dispose();
    await screencap?.dispose();
  }

  /** The device is back: a fresh session feeds the same streams. */
  async deviceBack(): Promise<void> {
    if (this.stopped || this.hasSession) return;
    this.fanout.resync();
    await this.start().catch(() => undefined);
  }

  async stop(reason = 'stopped'): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const session = this.session;
    const screencap = this.screencap;
    this.session = null;
    this.screencap = null;
    await session?.dispose();
    await screencap?.dispose();
    this.fanout.end(reason);
    this.setState('stopped');
    this.removeAllListeners('frame');
  }

  private setState(state: MirrorState, message?: string): void {
    this.stateValue = state;
    this.message = message;
    this.publish();
  }

  private publish(): void {
    this.emit('changed', this.info);
  }
}
