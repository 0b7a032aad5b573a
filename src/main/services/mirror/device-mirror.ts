// The mirror of ONE device across its whole life in the app: a MirrorSession while the device
// is there (a new one after an unplug/replug), the renderer streams it feeds, the clipboard and
// the state the UI shows. stop() tears down what is running, in reverse order of start.

import { EventEmitter } from 'node:events';
import type { MirrorSessionInfo, MirrorState } from '../../../shared/contract';
import type { ControlMessage } from '../../../shared/scrcpy/control-message';
import type { AdbClient } from '../adb/adbkit';
import type { StreamSink } from '../streams/stream-hub';
import { MirrorSession, type MirrorFrame } from './mirror-session';
import { mainClockMs, MirrorStreamFanout } from './mirror-stream-sink';

export interface DeviceMirrorOptions {
  serial: string;
  /** The adbkit client of the server listing the device (looked up again on every start). */
  client(): AdbClient;
  server: { path: string; version: string };
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
    const video = this.session?.videoInfo;
    return {
      serial: this.serial,
      state: this.stateValue,
      mode: 'scrcpy',
      ...(this.message ? { message: this.message } : {}),
      ...(video && video.codec ? { video: { codec: video.codec, width: video.width, height: video.height } } : {}),
      ...(this.recording ? { recording: this.recording } : {}),
    };
  }

  get state(): MirrorState {
    return this.stateValue;
  }

  /** Starts video; rejects when the server cannot be started (state 'failed', with the reason). */
  async start(): Promise<void> {
    const session = new MirrorSession({
      client: this.options.client(),
      serial: this.serial,
      server: this.options.server,
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

  /** A renderer joins: it gets the config now and frames from the next key frame. */
  addSink(sink: StreamSink): void {
    this.fanout.add(sink);
    this.session?.requestKeyFrame();
  }

  /** Sends input; false when there is no control connection right now. */
  send(message: ControlMessage): boolean {
    return this.session?.send(message) ?? false;
  }

  get hasSession(): boolean {
    return this.session !== null;
  }

  /** The live session, for the agent's operator (frames and control); null while there is none. */
  get currentSession(): MirrorSession | null {
    return this.session;
  }

  /** The device went away (unplug, adb lost it): drop the session, keep the streams. */
  async deviceGone(): Promise<void> {
    const session = this.session;
    this.session = null;
    this.setState('disconnected', 'The phone was disconnected. The mirror resumes when it is back.');
    await session?.dispose();
  }

  /** The device is back: a fresh session feeds the same streams. */
  async deviceBack(): Promise<void> {
    if (this.stopped || this.session) return;
    this.fanout.resync();
    await this.start().catch(() => undefined);
  }

  async stop(reason = 'stopped'): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const session = this.session;
    this.session = null;
    await session?.dispose();
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
