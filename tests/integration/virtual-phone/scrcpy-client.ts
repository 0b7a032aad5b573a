// A minimal scrcpy client for tests: starts the (simulated) server over adbkit, opens its
// sockets and collects what the video and control sockets send. Not a product client: it
// keeps everything in memory and knows only what the tests check.
import type { Duplex } from 'node:stream';
import type { AdbClient } from '../../../src/main/phone/adb/adbkit';
import { SCRCPY_SERVER_CLASS, SCRCPY_SERVER_DEVICE_PATH, ScrcpyVideoDemuxer, type ScrcpyFraming, type VideoDemuxEvent } from '#wire';

export { scidHex } from '#wire';
export const SERVER_PATH = SCRCPY_SERVER_DEVICE_PATH;

/** Raw key=value pairs, unchecked: the tests also send what a product client never would. */
export function serverCommand(version: string, options: Record<string, string | number | boolean>): string {
  const pairs = Object.entries(options).map(([k, v]) => `${k}=${v}`);
  return `CLASSPATH=${SERVER_PATH} app_process / ${SCRCPY_SERVER_CLASS} ${version} ${pairs.join(' ')}`;
}

/** Reads everything a duplex sends into a growing buffer, with a way to wait for n bytes. */
export class ByteCollector {
  data = Buffer.alloc(0);
  ended = false;
  private waiters: Array<() => void> = [];

  constructor(readonly socket: Duplex) {
    socket.on('data', (chunk: Buffer) => {
      this.data = Buffer.concat([this.data, chunk]);
      this.wake();
    });
    socket.on('end', () => { this.ended = true; this.wake(); });
    socket.on('close', () => { this.ended = true; this.wake(); });
    socket.on('error', () => { this.ended = true; this.wake(); });
  }

  async waitFor(predicate: () => boolean, what: string): Promise<void> {
    while (!predicate()) {
      if (this.ended) throw new Error(`stream ended while waiting for ${what} (${this.data.length} bytes received)`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

/** Opens `localabstract:NAME` until the server listens (a refused OPEN rejects), like scrcpy retries. */
export async function openLocalWithRetry(client: AdbClient, serial: string, name: string): Promise<Duplex> {
  let lastError: unknown;
  for (let i = 0; i < 100; i++) {
    try {
      return (await client.getDevice(serial).openLocal(`localabstract:${name}`)) as Duplex;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`could not open localabstract:${name}: ${String(lastError)}`);
}

export interface VideoCapture {
  deviceName?: string;
  codecId?: number;
  codecSize?: { width: number; height: number };
  sessions: Array<{ width: number; height: number }>;
  packets: Array<{ config: boolean; keyFrame: boolean; ptsUs: number; data: Buffer }>;
  annexB(): Buffer;
  frames(): number;
}

/** Demuxes the video socket (after the dummy byte, if any) as it arrives. */
export function captureVideo(collector: ByteCollector, framing: ScrcpyFraming, skip: number, deviceMeta: boolean): { capture: VideoCapture; update(): void } {
  const demuxer = new ScrcpyVideoDemuxer({ framing, deviceMeta });
  let consumed = skip;
  const capture: VideoCapture = {
    sessions: [],
    packets: [],
    annexB: () => Buffer.concat(capture.packets.map((p) => p.data)),
    frames: () => capture.packets.filter((p) => !p.config).length,
  };
  const update = (): void => {
    if (collector.data.length <= consumed) return;
    const events: VideoDemuxEvent[] = demuxer.push(collector.data.subarray(consumed));
    consumed = collector.data.length;
    for (const e of events) {
      if (e.type === 'deviceMeta') capture.deviceName = e.name;
      else if (e.type === 'codec') {
        capture.codecId = e.codecId;
        if (e.width !== undefined && e.height !== undefined) capture.codecSize = { width: e.width, height: e.height };
      } else if (e.type === 'session') capture.sessions.push({ width: e.width, height: e.height });
      else capture.packets.push({ config: e.config, keyFrame: e.keyFrame, ptsUs: e.ptsUs, data: Buffer.from(e.data) });
    }
  };
  return { capture, update };
}
