import { describe, expect, it } from 'vitest';
import { A_CNXN, A_OKAY, A_WRTE, AdbProtocolError, PacketParser, commandName, encodePacket } from '../../../packages/wire/src/adb/packet';

// Node views on the codec's Uint8Arrays, to read them with Buffer's helpers (no copy).
const buf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

describe('ADB packet codec', () => {
  it('encodes the 24-byte little-endian header with magic = ~command', () => {
    const bytes = buf(encodePacket({ command: A_WRTE, arg0: 5, arg1: 9, data: Buffer.from('abc') }, true));
    expect(bytes.length).toBe(27);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('WRTE');
    expect(bytes.readUInt32LE(4)).toBe(5);
    expect(bytes.readUInt32LE(8)).toBe(9);
    expect(bytes.readUInt32LE(12)).toBe(3);
    expect(bytes.readUInt32LE(16)).toBe(0x61 + 0x62 + 0x63);
    expect(bytes.readUInt32LE(20)).toBe((A_WRTE ^ 0xffffffff) >>> 0);
    expect(bytes.subarray(24).toString()).toBe('abc');
  });

  it('reassembles a packet split at every byte boundary', () => {
    const bytes = encodePacket({ command: A_CNXN, arg0: 0x01000001, arg1: 1 << 20, data: Buffer.from('host::features=shell_v2') });
    for (let cut = 1; cut < bytes.length; cut++) {
      const parser = new PacketParser();
      expect(parser.push(bytes.subarray(0, cut))).toEqual([]);
      const packets = parser.push(bytes.subarray(cut));
      expect(packets).toHaveLength(1);
      expect(buf(packets[0].data).toString()).toBe('host::features=shell_v2');
      expect(parser.pending).toBe(0);
    }
  });

  it('parses several coalesced packets and keeps a trailing partial one', () => {
    const a = encodePacket({ command: A_OKAY, arg0: 1, arg1: 2, data: Buffer.alloc(0) });
    const b = encodePacket({ command: A_WRTE, arg0: 3, arg1: 4, data: Buffer.from('hello') });
    const c = encodePacket({ command: A_WRTE, arg0: 5, arg1: 6, data: Buffer.from('world') });
    const parser = new PacketParser();
    const first = parser.push(Buffer.concat([a, b, c.subarray(0, 10)]));
    expect(first.map((p) => [p.command, p.arg0, p.arg1])).toEqual([[A_OKAY, 1, 2], [A_WRTE, 3, 4]]);
    expect(buf(first[1].data).toString()).toBe('hello');
    const rest = parser.push(c.subarray(10));
    expect(rest).toHaveLength(1);
    expect(buf(rest[0].data).toString()).toBe('world');
  });

  it('names commands by their four letters', () => {
    expect([A_CNXN, A_OKAY, A_WRTE].map(commandName)).toEqual(['CNXN', 'OKAY', 'WRTE']);
  });

  it('rejects a header whose magic does not match (framing lost)', () => {
    const bytes = buf(encodePacket({ command: A_OKAY, arg0: 1, arg1: 2, data: Buffer.alloc(0) }));
    bytes.writeUInt32LE(0, 20);
    expect(() => new PacketParser().push(bytes)).toThrow(AdbProtocolError);
  });
});
