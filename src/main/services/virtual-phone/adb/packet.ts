// ADB transport packets (device side): 24-byte little-endian header + payload. See
// /work/shared/protocols/adb-transport.md.

export const A_CNXN = 0x4e584e43;
export const A_OPEN = 0x4e45504f;
export const A_OKAY = 0x59414b4f;
export const A_WRTE = 0x45545257;
export const A_CLSE = 0x45534c43;
export const A_AUTH = 0x48545541;
export const A_STLS = 0x534c5453;

export const A_VERSION = 0x01000001;
/** Versions below this expect a payload checksum in data_crc. */
export const A_VERSION_SKIP_CHECKSUM = 0x01000001;
export const MAX_PAYLOAD = 1024 * 1024;
export const HEADER_LENGTH = 24;

export interface AdbPacket {
  command: number;
  arg0: number;
  arg1: number;
  data: Buffer;
}

export function commandName(command: number): string {
  return Buffer.from(new Uint32Array([command]).buffer).toString('latin1');
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum = (sum + data[i]) >>> 0;
  return sum;
}

export function encodePacket(packet: AdbPacket, withChecksum = false): Buffer {
  const out = Buffer.allocUnsafe(HEADER_LENGTH + packet.data.length);
  out.writeUInt32LE(packet.command >>> 0, 0);
  out.writeUInt32LE(packet.arg0 >>> 0, 4);
  out.writeUInt32LE(packet.arg1 >>> 0, 8);
  out.writeUInt32LE(packet.data.length, 12);
  out.writeUInt32LE(withChecksum ? checksum(packet.data) : 0, 16);
  out.writeUInt32LE((packet.command ^ 0xffffffff) >>> 0, 20);
  packet.data.copy(out, HEADER_LENGTH);
  return out;
}

export class AdbProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdbProtocolError';
  }
}

/**
 * Reassembles packets from TCP chunks: a chunk may hold part of a header, several packets, or
 * a packet's tail plus the next one's head. Throws AdbProtocolError on a bad magic (framing lost).
 */
export class PacketParser {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxPayload = MAX_PAYLOAD * 16) {}

  push(chunk: Buffer): AdbPacket[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const packets: AdbPacket[] = [];
    for (;;) {
      if (this.buffered < HEADER_LENGTH) break;
      const head = this.peek(HEADER_LENGTH);
      const command = head.readUInt32LE(0);
      const length = head.readUInt32LE(12);
      const magic = head.readUInt32LE(20);
      if (((command ^ 0xffffffff) >>> 0) !== magic) throw new AdbProtocolError(`bad packet magic for command 0x${command.toString(16)}`);
      if (length > this.maxPayload) throw new AdbProtocolError(`packet payload of ${length} bytes is too large`);
      if (this.buffered < HEADER_LENGTH + length) break;
      const whole = this.take(HEADER_LENGTH + length);
      packets.push({
        command,
        arg0: whole.readUInt32LE(4),
        arg1: whole.readUInt32LE(8),
        data: whole.subarray(HEADER_LENGTH),
      });
    }
    return packets;
  }

  get pending(): number {
    return this.buffered;
  }

  private peek(n: number): Buffer {
    if (this.chunks[0].length >= n) return this.chunks[0];
    this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0];
  }

  /** Removes n bytes from the front; always returns a copy-free view when possible. */
  private take(n: number): Buffer {
    if (this.chunks[0].length < n) this.chunks = [Buffer.concat(this.chunks)];
    const first = this.chunks[0];
    const out = first.subarray(0, n);
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.buffered -= n;
    return out;
  }
}
