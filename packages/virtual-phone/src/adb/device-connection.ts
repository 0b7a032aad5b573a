// The device end of one ADB transport (one TCP connection from the adb server): answers CNXN
// (at once, or after the host passed the AUTH exchange), opens streams on the host's OPEN,
// moves WRTE/OKAY/CLSE, and can dial the host (reverse).
import type { Socket } from 'node:net';
import { EventEmitter } from 'node:events';
import { ADB_AUTH_RSAPUBLICKEY, ADB_AUTH_SIGNATURE, ADB_AUTH_TOKEN, newAuthToken, type AuthGate } from './adb-auth';
import { AdbStream, type StreamSink } from './adb-stream';
import {
  A_AUTH, A_CLSE, A_CNXN, A_OKAY, A_OPEN, A_VERSION, A_VERSION_SKIP_CHECKSUM, A_WRTE, MAX_PAYLOAD,
  PacketParser, commandName, encodePacket, type AdbPacket,
} from '#wire';

/** Starts serving an accepted stream; returning null refuses the OPEN (CLSE to the host). */
export type ServiceRouter = (service: string, connection: AdbDeviceConnection) => ((stream: AdbStream) => void) | null;

export interface DeviceConnectionOptions {
  banner: string;
  router: ServiceRouter;
  maxPayload?: number;
  /** Challenge the host with AUTH before CNXN (a phone with USB debugging not yet allowed). */
  auth?: AuthGate;
  onProtocolError?: (error: Error) => void;
}

/** A received packet, its payload as a Buffer view (the services here speak Node streams). */
type ReceivedPacket = Omit<AdbPacket, 'data'> & { data: Buffer };

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

interface PendingDial {
  stream: AdbStream;
  resolve: (stream: AdbStream | null) => void;
}

export class AdbDeviceConnection extends EventEmitter<{ close: []; connected: [] }> implements StreamSink {
  private readonly parser = new PacketParser();
  private readonly streams = new Map<number, AdbStream>();
  private readonly dials = new Map<number, PendingDial>();
  private nextLocalId = 1;
  private peerVersion = A_VERSION;
  private peerMaxPayload = MAX_PAYLOAD;
  private _connected = false;
  private _closed = false;
  /** The token of the AUTH challenge in flight; null when none is (no auth, or passed). */
  private authToken: Buffer | null = null;
  /** Per-transport state services may keep (e.g. the reverse forward table). */
  readonly attachments = new Map<string, unknown>();

  constructor(private readonly socket: Socket, private readonly options: DeviceConnectionOptions) {
    super();
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  get connected(): boolean {
    return this._connected;
  }

  get maxPayload(): number {
    return Math.min(this.peerMaxPayload, this.options.maxPayload ?? MAX_PAYLOAD);
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** Device-initiated stream (reverse tunnels): OPEN(local, 0, service); null if the host refuses. */
  dial(service: string): Promise<AdbStream | null> {
    if (this._closed || !this._connected) return Promise.resolve(null);
    const stream = new AdbStream(this.allocateId(), service, this);
    return new Promise((resolve) => {
      this.dials.set(stream.localId, { stream, resolve });
      this.send({ command: A_OPEN, arg0: stream.localId, arg1: 0, data: Buffer.from(`${service}\0`, 'utf8') });
    });
  }

  sendWrite(stream: AdbStream, chunk: Buffer): void {
    this.send({ command: A_WRTE, arg0: stream.localId, arg1: stream.remoteId, data: chunk });
  }

  sendClose(stream: AdbStream): void {
    this.streams.delete(stream.localId);
    this.send({ command: A_CLSE, arg0: stream.localId, arg1: stream.remoteId, data: Buffer.alloc(0) });
  }

  close(): void {
    if (this._closed) return;
    this._closed = true;
    for (const stream of [...this.streams.values()]) stream.destroy(false);
    this.streams.clear();
    for (const dial of this.dials.values()) dial.resolve(null);
    this.dials.clear();
    this.options.auth?.withdraw(this);
    this.socket.destroy();
    this.emit('close');
  }

  private allocateId(): number {
    const id = this.nextLocalId;
    this.nextLocalId = this.nextLocalId >= 0x7fffffff ? 1 : this.nextLocalId + 1;
    return id;
  }

  private send(packet: AdbPacket): void {
    if (this._closed) return;
    this.socket.write(encodePacket(packet, this.peerVersion < A_VERSION_SKIP_CHECKSUM));
  }

  private onData(chunk: Buffer): void {
    let packets: AdbPacket[];
    try {
      packets = this.parser.push(chunk);
    } catch (error) {
      this.options.onProtocolError?.(error as Error);
      this.close();
      return;
    }
    for (const p of packets) {
      if (this._closed) return;
      this.onPacket({ ...p, data: asBuffer(p.data) });
    }
  }

  private onPacket(p: ReceivedPacket): void {
    switch (p.command) {
      case A_CNXN:
        this.peerVersion = p.arg0;
        this.peerMaxPayload = p.arg1 || MAX_PAYLOAD;
        // A reconnecting host starts over: streams of the previous session are gone.
        for (const stream of [...this.streams.values()]) stream.destroy(false);
        this.streams.clear();
        this._connected = false;
        if (this.options.auth) this.challenge();
        else this.acceptHost();
        return;
      case A_AUTH:
        this.onAuth(p);
        return;
      case A_OPEN:
        this.onOpen(p);
        return;
      case A_OKAY:
        this.onOkay(p.arg0, p.arg1);
        return;
      case A_WRTE: {
        const stream = this.streams.get(p.arg1);
        if (!stream) {
          this.send({ command: A_CLSE, arg0: 0, arg1: p.arg0, data: Buffer.alloc(0) });
          return;
        }
        // Ack first: handlers consume synchronously or buffer, so holding the OKAY gains nothing.
        this.send({ command: A_OKAY, arg0: stream.localId, arg1: stream.remoteId, data: Buffer.alloc(0) });
        stream.deliver(p.data);
        return;
      }
      case A_CLSE: {
        const dial = this.dials.get(p.arg1);
        if (dial) {
          this.dials.delete(p.arg1);
          dial.resolve(null);
          return;
        }
        const stream = this.streams.get(p.arg1);
        if (stream) {
          this.streams.delete(p.arg1);
          stream.destroy(false);
        }
        return;
      }
      default:
        this.options.onProtocolError?.(new Error(`unexpected packet ${commandName(p.command)}`));
    }
  }

  /** CNXN back: the transport is online and the host may open streams. */
  private acceptHost(): void {
    this.authToken = null;
    this.options.auth?.withdraw(this);
    // adbd answers with the negotiated values: the lower protocol version and the smaller max payload.
    this.send({ command: A_CNXN, arg0: Math.min(this.peerVersion, A_VERSION), arg1: this.maxPayload, data: Buffer.from(this.options.banner, 'utf8') });
    this._connected = true;
    this.emit('connected');
  }

  /** A fresh token each time, as adbd does: a signature only answers the challenge it was made for. */
  private challenge(): void {
    // A prompt entry answers the previous challenge only; the host sends its key again if need be.
    this.options.auth?.withdraw(this);
    this.authToken = newAuthToken();
    this.send({ command: A_AUTH, arg0: ADB_AUTH_TOKEN, arg1: 0, data: this.authToken });
  }

  private onAuth(p: ReceivedPacket): void {
    const auth = this.options.auth;
    // Without a challenge in flight a host AUTH means nothing (adbd drops it too).
    if (!auth || !this.authToken) return;
    if (p.arg0 === ADB_AUTH_SIGNATURE) {
      if (auth.trusts(this.authToken, p.data)) this.acceptHost();
      // Rejected: challenge again, so the host tries its next key or sends its public key.
      else this.challenge();
      return;
    }
    if (p.arg0 === ADB_AUTH_RSAPUBLICKEY) {
      const token = this.authToken;
      auth.prompt(this, p.data, () => {
        // Only if this connection still waits on that same challenge (not closed, not re-CNXN'd).
        if (!this._closed && this.authToken === token) this.acceptHost();
      });
    }
  }

  private onOpen(p: ReceivedPacket): void {
    // adbd ignores OPEN on a transport that is not online (not yet authorised).
    if (!this._connected) return;
    // The name ends with a NUL; abb_exec separates its arguments with NULs too.
    let end = p.data.length;
    while (end > 0 && p.data[end - 1] === 0) end--;
    const service = p.data.subarray(0, end).toString('utf8');
    const handler = this.options.router(service, this);
    if (!handler) {
      this.send({ command: A_CLSE, arg0: 0, arg1: p.arg0, data: Buffer.alloc(0) });
      return;
    }
    const stream = new AdbStream(this.allocateId(), service, this);
    stream.remoteId = p.arg0;
    this.streams.set(stream.localId, stream);
    this.send({ command: A_OKAY, arg0: stream.localId, arg1: stream.remoteId, data: Buffer.alloc(0) });
    handler(stream);
  }

  private onOkay(remoteId: number, localId: number): void {
    const dial = this.dials.get(localId);
    if (dial) {
      this.dials.delete(localId);
      dial.stream.remoteId = remoteId;
      this.streams.set(localId, dial.stream);
      dial.resolve(dial.stream);
      return;
    }
    this.streams.get(localId)?.ack();
  }
}
