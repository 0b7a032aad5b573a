// ADB transport packets: 24-byte little-endian header + payload. See
// /work/shared/protocols/adb-transport.md. Plain Uint8Array and DataView (no Node Buffer), so
// the codec is pure wire format, usable on either side and in any runtime.

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
  data: Uint8Array;
}

/** The command's four ASCII letters ('CNXN', 'WRTE', ...): the little-endian bytes of the number. */
export function commandName(command: number): string {
  return String.fromCharCode(command & 0xff, (command >>> 8) & 0xff, (command >>> 16) & 0xff, (command >>> 24) & 0xff);
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum = (sum + data[i]) >>> 0;
  return sum;
}

export function encodePacket(packet: AdbPacket, withChecksum = false): Uint8Array {
  const out = new Uint8Array(HEADER_LENGTH + packet.data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, packet.command >>> 0, true);
  view.setUint32(4, packet.arg0 >>> 0, true);
  view.setUint32(8, packet.arg1 >>> 0, true);
  view.setUint32(12, packet.data.length, true);
  view.setUint32(16, withChecksum ? checksum(packet.data) : 0, true);
  view.setUint32(20, (packet.command ^ 0xffffffff) >>> 0, true);
  out.set(packet.data, HEADER_LENGTH);
  return out;
}

export class AdbProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdbProtocolError';
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

const u32 = (bytes: Uint8Array, offset: number): number => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, true);

/**
 * Reassembles packets from TCP chunks: a chunk may hold part of a header, several packets, or
 * a packet's tail plus the next one's head. Throws AdbProtocolError on a bad magic (framing lost).
 * A packet's data is a view into the pushed chunk where it lies whole in one (no copy).
 */
export class PacketParser {
  private chunks: Uint8Array[] = [];
  private buffered = 0;

  constructor(private readonly maxPayload = MAX_PAYLOAD * 16) {}

  push(chunk: Uint8Array): AdbPacket[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const packets: AdbPacket[] = [];
    for (;;) {
      if (this.buffered < HEADER_LENGTH) break;
      const head = this.peek(HEADER_LENGTH);
      const command = u32(head, 0);
      const length = u32(head, 12);
      const magic = u32(head, 20);
      if (((command ^ 0xffffffff) >>> 0) !== magic) throw new AdbProtocolError(`bad packet magic for command 0x${command.toString(16)}`);
      if (length > this.maxPayload) throw new AdbProtocolError(`packet payload of ${length} bytes is too large`);
      if (this.buffered < HEADER_LENGTH + length) break;
      const whole = this.take(HEADER_LENGTH + length);
      packets.push({
        command,
        arg0: u32(whole, 4),
        arg1: u32(whole, 8),
        data: whole.subarray(HEADER_LENGTH),
      });
    }
    return packets;
  }

  get pending(): number {
    return this.buffered;
  }

  private peek(n: number): Uint8Array {
    if (this.chunks[0].length >= n) return this.chunks[0];
    this.chunks = [concat(this.chunks)];
    return this.chunks[0];
  }

  /** Removes n bytes from the front; always returns a copy-free view when possible. */
  private take(n: number): Uint8Array {
    if (this.chunks[0].length < n) this.chunks = [concat(this.chunks)];
    const first = this.chunks[0];
    const out = first.subarray(0, n);
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.buffered -= n;
    return out;
  }
}
