// One live scrcpy mirror of one device: pushes and starts the server, opens the video and
// control sockets, demuxes frames (CONFIG merged into the next frame) for any number of
// listeners, sends control messages, receives device messages, and restarts the server with
// backoff when it dies. Everything it starts it tears down in stop(), in reverse order.

import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import {
  CodecId, ConfigPacketMerger, DeviceMessageReader, SCRCPY_SERVER_DEVICE_PATH, ScrcpyVideoDemuxer, codecStringFromSps, copyBytes, findSps,
  framingForServerVersion, parseSps, serializeControlMessage, socketName,
  type ControlMessage, type DeviceMessage, type ScrcpyFraming, type VideoDemuxEvent,
} from '#wire';
import { AppError } from '../../../shared/errors';
import { sleep } from '../../../shared/sleep';
import type { AdbClient } from '../adb/adbkit';
import { randomScid, serverShellCommand, type MirrorServerOptions } from './server-command';
import { openFirstSocket, openLocalAbstract } from './tunnel';

/**
 * The life of one scrcpy session (server process and sockets). Not the contract's MirrorState:
 * that is a device's mirror as the UI shows it, which DeviceMirror derives from this one
 * (restarting -> reconnecting; an unplugged phone -> disconnected).
 */
export type MirrorSessionState = 'idle' | 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';

export interface MirrorVideoInfo {
  codecId: number;
  /** WebCodecs codec string from the SPS (e.g. avc1.640028); '' until the first CONFIG. */
  codec: string;
  width: number;
  height: number;
}

export interface MirrorFrame {
  /** Annex-B access unit; owns its ArrayBuffer (safe to transfer or keep). */
  data: Uint8Array;
  keyFrame: boolean;
  ptsUs: number;
  /** SPS/PPS were merged in front of this frame (a decoder can start here). */
  withConfig: boolean;
}

export interface MirrorSessionOptions {
  client: AdbClient;
  serial: string;
  /** Local scrcpy server file and its exact version. */
  server: { path: string; version: string };
  video?: { maxSize?: number; bitRate?: number; maxFps?: number };
  control?: boolean;
  stayAwake?: boolean;
  showTouches?: boolean;
  powerOffOnClose?: boolean;
  restart?: { attempts?: number; minDelayMs?: number; maxDelayMs?: number };
  connect?: { attempts?: number; intervalMs?: number };
}

interface Run {
  abort: AbortController;
  shell?: Duplex;
  video?: Duplex;
  control?: Duplex;
  ended: boolean;
}

type Events = {
  state: [MirrorSessionState];
  deviceName: [string];
  video: [MirrorVideoInfo];
  frame: [MirrorFrame];
  deviceMessage: [DeviceMessage];
  clipboard: [string];
  /** Server output lines (diagnostics). */
  log: [string];
  /** Gave up: the server could not be (re)started. */
  failure: [Error];
};

function ownBytes(data: Uint8Array): Uint8Array {
  // Socket chunks may share a larger buffer: a frame must own its bytes to be transferred.
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : copyBytes(data);
}

export class MirrorSession extends EventEmitter<Events> {
  readonly serial: string;
  readonly framing: ScrcpyFraming;
  private stateValue: MirrorSessionState = 'idle';
  private run: Run | null = null;
  private failures = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private info: MirrorVideoInfo | null = null;
  private merger = new ConfigPacketMerger();
  private clipboardSeq = 0n;
  private readonly acks = new Map<bigint, () => void>();
  private name = '';
  private stopping: Promise<void> | null = null;

  constructor(private readonly options: MirrorSessionOptions) {
    super();
    this.serial = options.serial;
    this.framing = framingForServerVersion(options.server.version);
  }

  get state(): MirrorSessionState {
    return this.stateValue;
  }

  get deviceName(): string {
    return this.name;
  }

  /** Current video size and codec (positions in control messages must use this size). */
  get videoInfo(): MirrorVideoInfo | null {
    return this.info;
  }

  /** The SPS/PPS last received, to prime a decoder that joins mid-stream. */
  get lastConfig(): Uint8Array | null {
    return this.merger.lastConfig;
  }

  /** Starts the server and resolves once video flows (or rejects after the retry budget). */
  async start(): Promise<void> {
    if (this.stateValue !== 'idle') throw new Error(`MirrorSession.start() in state ${this.stateValue}`);
    this.setState('starting');
    const attempts = this.options.restart?.attempts ?? 5;
    for (;;) {
      try {
        await this.startRun();
        this.setState('running');
        return;
      } catch (error) {
        if (this.isStopped()) throw new AppError('cancelled', 'Mirroring was stopped while starting.');
        this.failures++;
        if (this.failures >= attempts) {
          this.setState('failed');
          throw new AppError('unavailable', `Could not start mirroring ${this.serial}: ${(error as Error).message}`, { retryable: true, cause: error });
        }
        await sleep(this.backoff());
        if (this.isStopped()) throw new AppError('cancelled', 'Mirroring was stopped while starting.');
      }
    }
  }

  /** Stops the server and closes every socket; idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const wasActive = this.stateValue !== 'idle' && this.stateValue !== 'failed';
      if (this.restartTimer) clearTimeout(this.restartTimer);
      this.restartTimer = null;
      const run = this.run;
      this.run = null;
      if (run) await this.closeRun(run);
      for (const resolve of this.acks.values()) resolve();
      this.acks.clear();
      if (wasActive || this.stateValue === 'failed') this.setState('stopped');
      else this.stateValue = 'stopped';
    })();
    return this.stopping;
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.removeAllListeners();
  }

  /** Sends a control message; false when there is no control socket (yet). */
  send(msg: ControlMessage): boolean {
    const control = this.run?.control;
    if (!control || control.destroyed) return false;
    control.write(serializeControlMessage(msg));
    return true;
  }

  /** Asks the encoder for a fresh key frame (a late decoder joining the stream). */
  requestKeyFrame(): boolean {
    return this.send({ type: 'resetVideo' });
  }

  /**
   * Sets the device clipboard (and optionally pastes it: the way to type any Unicode text);
   * resolves when the device acknowledges it.
   */
  setClipboard(text: string, paste: boolean, timeoutMs = 5000): Promise<void> {
    const sequence = ++this.clipboardSeq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.acks.delete(sequence);
        reject(new AppError('timeout', 'The device did not acknowledge the clipboard.', { retryable: true }));
      }, timeoutMs);
      this.acks.set(sequence, () => {
        clearTimeout(timer);
        this.acks.delete(sequence);
        resolve();
      });
      if (!this.send({ type: 'setClipboard', sequence, paste, text })) {
        this.acks.get(sequence)?.();
        reject(new AppError('unavailable', 'Mirroring has no control connection.', { retryable: true }));
      }
    });
  }

  private isStopped(): boolean {
    return this.stopping !== null;
  }

  private setState(state: MirrorSessionState): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    this.emit('state', state);
  }

  private backoff(): number {
    const min = this.options.restart?.minDelayMs ?? 500;
    const max = this.options.restart?.maxDelayMs ?? 8000;
    return Math.min(max, min * 2 ** Math.max(0, this.failures - 1));
  }

  private async startRun(): Promise<void> {
    const { client, serial } = this.options;
    const run: Run = { abort: new AbortController(), ended: false };
    this.run = run;
    this.merger = new ConfigPacketMerger();
    try {
      await this.push();
      if (run.abort.signal.aborted) throw new Error('stopped');
      const scid = randomScid();
      const opts: MirrorServerOptions = {
        scid,
        maxSize: this.options.video?.maxSize,
        videoBitRate: this.options.video?.bitRate,
        maxFps: this.options.video?.maxFps,
        control: this.options.control ?? true,
        stayAwake: this.options.stayAwake,
        showTouches: this.options.showTouches,
        powerOffOnClose: this.options.powerOffOnClose,
      };
      const shell = (await client.getDevice(serial).shell(serverShellCommand(this.options.server.version, opts))) as Duplex;
      run.shell = shell;
      this.pipeLog(shell);
      shell.on('error', () => undefined);
      const name = socketName(scid);
      const first = await openFirstSocket(client, serial, name, { ...this.options.connect, signal: run.abort.signal });
      run.video = first.socket;
      if (opts.control) {
        run.control = await openLocalAbstract(client, serial, name);
        (run.control as Duplex & { setNoDelay?: (v: boolean) => void }).setNoDelay?.(true);
      }
      await this.attach(run, first.leftover);
    } catch (error) {
      await this.closeRun(run);
      if (this.run === run) this.run = null;
      throw error;
    }
  }

  private async push(): Promise<void> {
    // Every start: with cleanup=true the server deletes its own jar when it exits.
    const transfer = await this.options.client.getDevice(this.serial).push(this.options.server.path, SCRCPY_SERVER_DEVICE_PATH);
    await new Promise<void>((resolve, reject) => {
      transfer.once('end', () => resolve());
      transfer.once('error', reject);
    });
  }

  private pipeLog(shell: Duplex): void {
    let pending = '';
    shell.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.emit('log', line);
    });
  }

  /** Wires the sockets; resolves once the first frame arrived (video really flows). */
  private attach(run: Run, leftover: Buffer): Promise<void> {
    const video = run.video!;
    const demuxer = new ScrcpyVideoDemuxer({ framing: this.framing, deviceMeta: true });
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error): void => {
        if (!settled) {
          settled = true;
          reject(error);
        }
        this.onRunEnded(run, error);
      };
      const onChunk = (chunk: Uint8Array): void => {
        let events: VideoDemuxEvent[];
        try {
          events = demuxer.push(chunk);
        } catch (error) {
          fail(error as Error);
          return;
        }
        for (const e of events) {
          const error = this.onVideoEvent(e);
          if (error) return fail(error);
          if (e.type === 'packet' && !e.config && !settled) {
            settled = true;
            this.failures = 0;
            resolve();
          }
        }
      };
      video.on('data', onChunk);
      video.once('end', () => fail(new Error('the scrcpy server closed the video stream')));
      video.once('close', () => fail(new Error('the video stream closed')));
      video.on('error', (error) => fail(error));
      if (run.control) {
        const reader = new DeviceMessageReader();
        run.control.on('data', (chunk: Buffer) => {
          try {
            for (const m of reader.push(chunk)) this.onDeviceMessage(m);
          } catch (error) {
            fail(error as Error);
          }
        });
        run.control.on('error', () => undefined);
      }
      if (leftover.length > 0) onChunk(leftover);
      video.resume();
    });
  }

  /** Returns an error when the stream cannot go on. */
  private onVideoEvent(e: VideoDemuxEvent): Error | undefined {
    switch (e.type) {
      case 'deviceMeta':
        this.name = e.name;
        this.emit('deviceName', e.name);
        return undefined;
      case 'codec':
        if (e.codecId === CodecId.ERROR) return new Error('the scrcpy server could not configure the video encoder');
        if (e.codecId === CodecId.DISABLED) return new Error('the scrcpy server disabled video');
        if (e.codecId !== CodecId.H264) return new Error(`unsupported video codec 0x${e.codecId.toString(16)}`);
        this.info = { codecId: e.codecId, codec: this.info?.codec ?? '', width: e.width ?? this.info?.width ?? 0, height: e.height ?? this.info?.height ?? 0 };
        return undefined;
      case 'session':
        if (this.info) this.updateInfo({ ...this.info, width: e.width, height: e.height });
        return undefined;
      case 'packet': {
        const merged = this.merger.push(e);
        if (e.config) {
          const sps = findSps(e.data);
          if (sps && this.info) {
            const parsed = parseSps(sps);
            this.updateInfo({ ...this.info, codec: codecStringFromSps(parsed), width: parsed.width, height: parsed.height });
          }
          return undefined;
        }
        if (merged) {
          this.emit('frame', { data: ownBytes(merged.data), keyFrame: merged.keyFrame, ptsUs: merged.ptsUs, withConfig: merged.data !== e.data });
        }
        return undefined;
      }
    }
  }

  private updateInfo(next: MirrorVideoInfo): void {
    const prev = this.info;
    this.info = next;
    if (prev && prev.codec === next.codec && prev.width === next.width && prev.height === next.height) return;
    this.emit('video', next);
  }

  private onDeviceMessage(m: DeviceMessage): void {
    this.emit('deviceMessage', m);
    if (m.type === 'clipboard') this.emit('clipboard', m.text);
    else if (m.type === 'ackClipboard') this.acks.get(m.sequence)?.();
  }

  private onRunEnded(run: Run, error: Error): void {
    if (run.ended) return;
    run.ended = true;
    void this.closeRun(run);
    if (this.run !== run || this.isStopped() || this.stateValue !== 'running') return;
    this.run = null;
    this.emit('log', `server lost: ${error.message}`);
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    const attempts = this.options.restart?.attempts ?? 5;
    this.failures++;
    if (this.failures > attempts) {
      this.setState('failed');
      this.emit('failure', new AppError('device_gone', `Mirroring ${this.serial} stopped and could not be restarted.`, { retryable: true }));
      return;
    }
    this.setState('restarting');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.isStopped()) return;
      this.startRun().then(
        () => this.setState('running'),
        // startRun failed before video flowed: count it and try again later.
        () => { if (!this.isStopped()) this.scheduleRestart(); },
      );
    }, this.backoff());
  }

  private async closeRun(run: Run): Promise<void> {
    run.ended = true;
    run.abort.abort(new Error('stopped'));
    // Reverse order of opening: control, video, then the shell that keeps the server alive.
    const streams = [run.control, run.video, run.shell].filter((s): s is Duplex => s !== undefined);
    await Promise.all(streams.map((s) => new Promise<void>((resolve) => {
      if ((s as Duplex & { closed?: boolean }).closed) return resolve();
      s.once('close', () => resolve());
      s.on('error', () => undefined);
      s.destroy();
      setTimeout(resolve, 1000).unref();
    })));
  }
}
