import { describe, expect, it } from 'vitest';
import {
  DeviceMessageReader, parseDeviceMessages, serializeDeviceMessage, type DeviceMessage,
} from '../../../packages/wire/src/scrcpy/device-message';
import { ScrcpyProtocolError } from '../../../packages/wire/src/bytes';

const cases: Array<[string, DeviceMessage, number[]]> = [
  ['CLIPBOARD', { type: 'clipboard', text: 'hello' }, [0x00, 0, 0, 0, 5, 0x68, 0x65, 0x6c, 0x6c, 0x6f]],
  ['CLIPBOARD utf-8', { type: 'clipboard', text: '中' }, [0x00, 0, 0, 0, 3, 0xe4, 0xb8, 0xad]],
  ['ACK_CLIPBOARD', { type: 'ackClipboard', sequence: 0x0102030405060708n }, [0x01, 1, 2, 3, 4, 5, 6, 7, 8]],
  ['UHID_OUTPUT', { type: 'uhidOutput', id: 42, data: new Uint8Array([1, 2]) }, [0x02, 0x00, 0x2a, 0x00, 0x02, 1, 2]],
];

describe('device messages', () => {
  it.each(cases)('%s serializes byte-exact and parses back', (_n, msg, expected) => {
    const out = serializeDeviceMessage(msg);
    expect([...out]).toEqual(expected);
    expect(parseDeviceMessages(out)).toEqual({ messages: [msg], consumed: expected.length });
  });

  it('parses split and coalesced input', () => {
    const stream = new Uint8Array(cases.flatMap(([, , b]) => b));
    const all = cases.map(([, m]) => m);
    expect(parseDeviceMessages(stream).messages).toEqual(all);
    for (let cut = 0; cut <= stream.length; cut++) {
      const reader = new DeviceMessageReader();
      expect([...reader.push(stream.slice(0, cut)), ...reader.push(stream.slice(cut))]).toEqual(all);
    }
    expect(parseDeviceMessages(stream.subarray(0, 7))).toEqual({ messages: [], consumed: 0 });
    expect(parseDeviceMessages(stream.subarray(0, 12))).toEqual({ messages: [all[0]], consumed: 10 });
  });

  it('rejects an unknown type', () => {
    expect(() => parseDeviceMessages(new Uint8Array([9]))).toThrow(ScrcpyProtocolError);
  });
});
