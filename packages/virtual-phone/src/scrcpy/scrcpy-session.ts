// One running simulated scrcpy server: gets its sockets (accepting on localabstract in forward
// mode, dialing the host through `adb reverse` otherwise), sends the meta bytes, then runs the
// video streamer and the controller until the client or the shell goes away.
import type { AdbStream } from '../adb/adb-stream';
import type { AdbDeviceConnection } from '../adb/device-connection';
import type { SimulatedAndroid } from '../android/types';
import type { EventLog } from '../event-log';
import { reverseTarget } from '../services/reverse-service';
import type { LocalAbstractNamespace } from '../services/local-abstract';
import { encodeCodecMeta, encodeDeviceMeta, CodecId, socketName, type ScrcpyServerOptions } from '#wire';
import { captureGeometry } from './capture-geometry';
import { pickEncoder } from './encoders';
import { displayListMessage } from './display-list';
import { SessionCleanUp } from './session-clean-up';
import { KEYCODES } from '#wire';
import { ControlHandler } from './control-handler';
import type { SimulatedVideoOptions } from './scrcpy-runtime';
import { VideoStreamer } from './video-streamer';
import { AudioStreamer } from './audio-streamer';

export type SocketRole = 'video' | 'audio' | 'control';

export interface ScrcpySessionDeps {
  android: SimulatedAndroid;
  log: EventLog;
  namespace: LocalAbstractNamespace;
  transport: AdbDeviceConnection | null;
  deviceName: string;
  ffmpegPath?: string;
  video?: SimulatedVideoOptions;
  /** Server log lines (the shell's stdout), already filtered by log level. */
  print(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
}

export class ScrcpySessionError extends Error {}

export class ScrcpySession {
  readonly name: string;
  private readonly sockets = new Map<SocketRole, AdbStream>();
  private streamer: VideoStreamer | null = null;
  private audioStreamer: AudioStreamer | null = null;
  private controller: ControlHandler | null = null;
  private stopping: Promise<void> | null = null;
  private finish!: () => void;
  private readonly finished = new Promise<void>((resolve) => { this.finish = resolve; });
  private unlisten: (() => void) | null = null;
  private readonly createdAt = Date.now();
  private failure: ScrcpySessionError | null = null;
  private readonly cleanUp: SessionCleanUp;

  constructor(readonly options: ScrcpyServerOptions, private readonly deps: ScrcpySessionDeps) {
    this.name = socketName(options.scid);
    this.cleanUp = new SessionCleanUp(deps.android, (m) => deps.print('info', m));
  }

  get roles(): SocketRole[] {
    const roles: SocketRole[] = [];
    if (this.options.video) roles.push('video');
    if (this.options.audio) roles.push('audio');
    if (this.options.control) roles.push('control');
    return roles;
  }

  get ffmpegPid(): number | undefined {
    return this.streamer?.ffmpegPid;
  }

  describe(): Record<string, unknown> {
    return {
      socket: this.name,
      version: this.options.version,
      framing: this.options.framing,
      tunnelForward: this.options.tunnelForward,
      connected: [...this.sockets.keys()],
      videoSize: this.streamer?.videoSize ?? null,
      framesSent: this.streamer?.framesSent ?? 0,
      framesSkipped: this.streamer?.framesSkipped ?? 0,
      framesRepeated: this.streamer?.framesRepeated ?? 0,
      audioPackets: this.audioStreamer?.packetsSent ?? 0,
      fps: this.streamer?.fps ?? null,
      ffmpegPid: this.ffmpegPid ?? null,
      startedAt: this.createdAt,
    };
  }

  /** Runs until stop() or until a client socket closes. Throws on a failed connection. */
  async run(signal: AbortSignal): Promise<void> {
    const onAbort = (): void => { void this.stop(); };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      if (signal.aborted) return;
      if (this.roles.length === 0) throw new ScrcpySessionError('java.lang.IllegalArgumentException: At least one of video, audio or control must be enabled');
      // CleanUp.start: settings the session changes now and puts back when it ends.
      this.cleanUp.apply(this.options);
      if (this.options.powerOn && this.deps.android.power?.awake === false) this.deps.android.key(KEYCODES.WAKEUP, 'downup');
      if (this.options.tunnelForward) await this.acceptAll(signal);
      else await this.dialAll();
      if (this.stopping) return;
      this.startStreams();
      await this.finished;
      if (this.failure) throw this.failure;
    } finally {
      signal.removeEventListener('abort', onAbort);
      await this.stop();
    }
  }

  /** AudioEncoder: an encoder the phone lacks disables the audio stream (codec id 1); video goes on. */
  private startAudio(socket: AdbStream): void {
    const codec = this.options.audioCodec;
    const speaker = this.deps.android.audio;
    const encoder = codec === 'raw' ? null : pickEncoder('audio', codec, this.options.audioEncoder);
    if (!speaker || codec === 'flac' || (encoder && 'error' in encoder)) {
      this.deps.print('error', speaker ? (encoder && 'error' in encoder ? encoder.error : `Could not create default audio encoder for ${codec}`) : 'Audio capture is not available on this device');
      if (this.options.sendCodecMeta) void socket.write(encodeCodecMeta(this.options.framing, CodecId.ERROR));
      return;
    }
    this.audioStreamer = new AudioStreamer({
      audio: speaker,
      socket,
      framing: this.options.framing,
      codec,
      bitRate: this.options.audioBitRate,
      sendCodecMeta: this.options.sendCodecMeta,
      sendFrameMeta: this.options.sendFrameMeta,
      ffmpegPath: this.deps.ffmpegPath,
      onFatal: (error) => {
        this.deps.print('error', `Audio encoding error: ${error.message}`);
        void this.audioStreamer?.stop();
      },
    });
    this.audioStreamer.start();
  }

  /** A configuration error: the server logs it and exits with status 1. */
  private fail(message: string): void {
    this.failure ??= new ScrcpySessionError(message);
    void this.stop();
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.unlisten?.();
      this.controller?.dispose();
      await this.streamer?.stop();
      await this.audioStreamer?.stop();
      for (const s of this.sockets.values()) s.end();
      this.cleanUp.restore();
      this.deps.log.add('scrcpy', `server ${this.name} stopped`);
      this.finish();
    })();
    return this.stopping;
  }

  private acceptAll(signal: AbortSignal): Promise<void> {
    const roles = this.roles;
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.unlisten?.();
        this.unlisten = null;
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done, { once: true });
      this.unlisten = this.deps.namespace.listen(this.name, (stream) => {
        const role = roles[this.sockets.size];
        this.attach(role, stream);
        if (this.sockets.size === 1 && this.options.sendDummyByte) void stream.write(Buffer.from([0]));
        if (this.sockets.size === roles.length) done();
      });
    });
  }

  private async dialAll(): Promise<void> {
    const transport = this.deps.transport;
    const hostSpec = transport ? reverseTarget(transport, `localabstract:${this.name}`) : undefined;
    if (!transport || !hostSpec) throw new ScrcpySessionError(`java.io.IOException: Connection refused (localabstract:${this.name})`);
    for (const role of this.roles) {
      const stream = await transport.dial(hostSpec);
      if (!stream) throw new ScrcpySessionError(`java.io.IOException: Connection refused (${hostSpec})`);
      this.attach(role, stream);
    }
  }

  private attach(role: SocketRole, stream: AdbStream): void {
    this.sockets.set(role, stream);
    this.deps.log.add('scrcpy', `${role} socket connected`, { role, socket: this.name });
    stream.once('close', () => {
      this.deps.log.add('scrcpy', `${role} socket closed by the client`, { role });
      void this.stop();
    });
  }

  private startStreams(): void {
    const first = this.sockets.get(this.roles[0])!;
    if (this.options.sendDeviceMeta) void first.write(encodeDeviceMeta(this.deps.deviceName));
    const video = this.sockets.get('video');
    if (video) {
      this.streamer = new VideoStreamer({
        android: this.deps.android,
        socket: video,
        framing: this.options.framing,
        geometry: this.options,
        maxFps: this.options.maxFps,
        bitRate: this.options.videoBitRate,
        sendCodecMeta: this.options.sendCodecMeta,
        sendFrameMeta: this.options.sendFrameMeta,
        log: this.deps.log,
        ffmpegPath: this.deps.ffmpegPath,
        refreshRate: this.deps.video?.refreshRate,
        iFrameIntervalS: this.deps.video?.iFrameIntervalS,
        source: this.deps.video?.source,
        onFatal: (error) => {
          this.deps.print('error', `Encoding error: ${error.message}`);
          void this.stop();
        },
      });
      // ScreenCapture and SurfaceEncoder fail the whole server on a display or encoder the phone lacks.
      const encoder = pickEncoder('video', this.options.videoCodec, this.options.videoEncoder);
      const failure = this.options.displayId !== 0 || this.options.newDisplay
        ? this.options.newDisplay ? 'New virtual displays are not simulated' : `Display ${this.options.displayId} not found\n${displayListMessage(this.deps.android)}`
        : 'error' in encoder ? encoder.error : null;
      if (failure) {
        if (this.options.sendCodecMeta) void video.write(encodeCodecMeta(this.options.framing, CodecId.ERROR));
        this.streamer = null;
        this.fail(failure);
        return;
      }
      this.streamer.start();
    }
    const audio = this.sockets.get('audio');
    if (audio) this.startAudio(audio);
    const control = this.sockets.get('control');
    if (control) {
      const controller = new ControlHandler({
        android: this.deps.android,
        log: this.deps.log,
        clipboardAutosync: this.options.clipboardAutosync,
        geometry: () => this.streamer?.geometry ?? captureGeometry(this.deps.android.size, this.options),
        sendDeviceMessage: (bytes) => { void control.write(bytes); },
        resetVideo: () => this.streamer?.reset(),
      });
      this.controller = controller;
      control.on('data', (chunk) => {
        try {
          controller.push(chunk);
        } catch (error) {
          this.deps.print('error', `Controller error: ${(error as Error).message}`);
          void this.stop();
        }
      });
    }
  }
}
