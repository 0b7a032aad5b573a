import { describe, expect, it } from 'vitest';
import {
  CLIPBOARD_TEXT_MAX_LENGTH, ControlMessageReader, decodePressure, decodeScroll, encodePressure, encodeScroll,
  parseControlMessages, PointerId, serializeControlMessage, type ControlMessage,
} from '../../../packages/wire/src/scrcpy/control-message';
import { ScrcpyProtocolError } from '../../../packages/wire/src/bytes';

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const bytes = (...parts: Array<number | number[]>): Uint8Array => new Uint8Array(parts.flat());

// Each case: a message and the bytes written by hand from the protocol table (big-endian).
const cases: Array<[string, ControlMessage, Uint8Array]> = [
  ['INJECT_KEYCODE',
    { type: 'injectKeycode', action: 1, keycode: 66, repeat: 5, metaState: 0x41 },
    bytes(0x00, 0x01, [0x00, 0x00, 0x00, 0x42], [0x00, 0x00, 0x00, 0x05], [0x00, 0x00, 0x00, 0x41])],
  ['INJECT_TEXT',
    { type: 'injectText', text: 'hello, world!' },
    bytes(0x01, [0x00, 0x00, 0x00, 0x0d], ascii('hello, world!'))],
  ['INJECT_TOUCH_EVENT',
    { type: 'injectTouch', action: 0, pointerId: PointerId.MOUSE, x: 100, y: 200, screenWidth: 1080, screenHeight: 1920, pressure: 1, actionButton: 1, buttons: 1 },
    bytes(0x02, 0x00, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [0, 0, 0, 0x64], [0, 0, 0, 0xc8], [0x04, 0x38], [0x07, 0x80],
      [0xff, 0xff], [0, 0, 0, 1], [0, 0, 0, 1])],
  ['INJECT_TOUCH_EVENT finger id',
    { type: 'injectTouch', action: 2, pointerId: 0x0102030405060708n, x: -1, y: 2, screenWidth: 720, screenHeight: 1600, pressure: 0.5, actionButton: 0, buttons: 0 },
    bytes(0x02, 0x02, [1, 2, 3, 4, 5, 6, 7, 8], [0xff, 0xff, 0xff, 0xff], [0, 0, 0, 2], [0x02, 0xd0], [0x06, 0x40],
      [0x80, 0x00], [0, 0, 0, 0], [0, 0, 0, 0])],
  ['INJECT_SCROLL_EVENT',
    { type: 'injectScroll', x: 260, y: 1026, screenWidth: 1080, screenHeight: 1920, hscroll: 1, vscroll: -16, buttons: 1 },
    bytes(0x03, [0, 0, 0x01, 0x04], [0, 0, 0x04, 0x02], [0x04, 0x38], [0x07, 0x80], [0x08, 0x00], [0x80, 0x00], [0, 0, 0, 1])],
  ['BACK_OR_SCREEN_ON', { type: 'backOrScreenOn', action: 1 }, bytes(0x04, 0x01)],
  ['EXPAND_NOTIFICATION_PANEL', { type: 'expandNotificationPanel' }, bytes(0x05)],
  ['EXPAND_SETTINGS_PANEL', { type: 'expandSettingsPanel' }, bytes(0x06)],
  ['COLLAPSE_PANELS', { type: 'collapsePanels' }, bytes(0x07)],
  ['GET_CLIPBOARD', { type: 'getClipboard', copyKey: 2 }, bytes(0x08, 0x02)],
  ['SET_CLIPBOARD',
    { type: 'setClipboard', sequence: 0x0102030405060708n, paste: true, text: 'hello, world!' },
    bytes(0x09, [1, 2, 3, 4, 5, 6, 7, 8], 0x01, [0, 0, 0, 0x0d], ascii('hello, world!'))],
  ['SET_DISPLAY_POWER', { type: 'setDisplayPower', on: true }, bytes(0x0a, 0x01)],
  ['ROTATE_DEVICE', { type: 'rotateDevice' }, bytes(0x0b)],
  ['UHID_CREATE',
    { type: 'uhidCreate', id: 42, vendorId: 0x1234, productId: 0x5678, name: 'ab', reportDescriptor: new Uint8Array([1, 2, 3]) },
    bytes(0x0c, [0x00, 0x2a], [0x12, 0x34], [0x56, 0x78], 0x02, ascii('ab'), [0x00, 0x03], [1, 2, 3])],
  ['UHID_INPUT',
    { type: 'uhidInput', id: 42, data: new Uint8Array([1, 2, 3, 4, 5]) },
    bytes(0x0d, [0x00, 0x2a], [0x00, 0x05], [1, 2, 3, 4, 5])],
  ['UHID_DESTROY', { type: 'uhidDestroy', id: 42 }, bytes(0x0e, [0x00, 0x2a])],
  ['OPEN_HARD_KEYBOARD_SETTINGS', { type: 'openHardKeyboardSettings' }, bytes(0x0f)],
  ['START_APP', { type: 'startApp', name: 'com.android.settings' }, bytes(0x10, 20, ascii('com.android.settings'))],
  ['RESET_VIDEO', { type: 'resetVideo' }, bytes(0x11)],
];

describe('serializeControlMessage', () => {
  it.each(cases)('%s is byte-exact', (_name, msg, expected) => {
    expect(serializeControlMessage(msg)).toEqual(expected);
  });

  it('covers every type 0..17', () => {
    const types = new Set(cases.map(([, , b]) => b[0]));
    expect([...types].sort((a, b) => a - b)).toEqual(Array.from({ length: 18 }, (_, i) => i));
  });

  it('saturates a +16 scroll at 0x7fff like the client', () => {
    const out = serializeControlMessage({ type: 'injectScroll', x: 0, y: 0, screenWidth: 1, screenHeight: 1, hscroll: 16, vscroll: 0, buttons: 0 });
    expect([...out.subarray(13, 17)]).toEqual([0x7f, 0xff, 0x00, 0x00]);
  });

  it('truncates INJECT_TEXT at 300 bytes', () => {
    const out = serializeControlMessage({ type: 'injectText', text: 'a'.repeat(400) });
    expect(out.length).toBe(5 + 300);
    expect([...out.subarray(1, 5)]).toEqual([0, 0, 0x01, 0x2c]);
  });

  it('never cuts a UTF-8 character in two', () => {
    // 299 ASCII bytes + 'é' (c3 a9) = 301 bytes: the cut at 300 would split 'é', so 299 remain.
    const out = serializeControlMessage({ type: 'injectText', text: 'a'.repeat(299) + 'é' });
    expect(out.length).toBe(5 + 299);
    expect(out[out.length - 1]).toBe(0x61);
    // A 3-byte character ending exactly at 300 is kept whole.
    const kept = serializeControlMessage({ type: 'injectText', text: 'a'.repeat(297) + '中' });
    expect(kept.length).toBe(5 + 300);
    expect([...kept.subarray(302)]).toEqual([0xe4, 0xb8, 0xad]);
  });

  it('truncates SET_CLIPBOARD text at the message cap', () => {
    const out = serializeControlMessage({ type: 'setClipboard', sequence: 0n, paste: false, text: 'x'.repeat(300_000) });
    expect(CLIPBOARD_TEXT_MAX_LENGTH).toBe((1 << 18) - 14);
    expect(out.length).toBe(1 << 18);
    expect(new DataView(out.buffer).getUint32(10)).toBe(CLIPBOARD_TEXT_MAX_LENGTH);
  });
});

describe('fixed-point encodings', () => {
  it('encodes pressure as u16 fixed point, saturating at 1.0', () => {
    expect(encodePressure(0)).toBe(0);
    expect(encodePressure(0.5)).toBe(0x8000);
    expect(encodePressure(1)).toBe(0xffff);
    expect(encodePressure(2)).toBe(0xffff);
    expect(decodePressure(0xffff)).toBe(1);
    expect(decodePressure(0x8000)).toBe(0.5);
  });

  it('encodes scroll as i16 fixed point over [-16, 16]', () => {
    expect(encodeScroll(16)).toBe(0x7fff);
    expect(encodeScroll(-16)).toBe(-0x8000);
    expect(encodeScroll(100)).toBe(0x7fff);
    expect(encodeScroll(1)).toBe(2048);
    expect(encodeScroll(-0.5)).toBe(-1024);
    expect(decodeScroll(2048)).toBe(1);
    expect(decodeScroll(-0x8000)).toBe(-16);
  });
});

describe('parseControlMessages', () => {
  // Values chosen to survive the fixed-point round trip exactly.
  const messages = cases.map(([, m]) => m);
  const stream = new Uint8Array(cases.reduce((n, [, , b]) => n + b.length, 0));
  {
    let off = 0;
    for (const [, , b] of cases) { stream.set(b, off); off += b.length; }
  }

  it.each(cases)('round-trips %s', (_name, msg) => {
    const bytesOut = serializeControlMessage(msg);
    const { messages: parsed, consumed } = parseControlMessages(bytesOut);
    expect(consumed).toBe(bytesOut.length);
    expect(parsed).toEqual([msg]);
  });

  it('parses coalesced messages in one buffer', () => {
    const { messages: parsed, consumed } = parseControlMessages(stream);
    expect(consumed).toBe(stream.length);
    expect(parsed).toEqual(messages);
  });

  it('stops at an incomplete message and reports what it consumed', () => {
    const first = cases[0][2].length;
    const { messages: parsed, consumed } = parseControlMessages(stream.subarray(0, first + 3));
    expect(parsed).toEqual([messages[0]]);
    expect(consumed).toBe(first);
  });

  it('reassembles messages split at every byte boundary', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const reader = new ControlMessageReader();
      const parsed = [...reader.push(stream.slice(0, cut)), ...reader.push(stream.slice(cut))];
      expect(parsed).toEqual(messages);
      expect(reader.pending).toBe(0);
    }
  });

  it('reassembles a byte-by-byte stream', () => {
    const reader = new ControlMessageReader();
    const parsed: ControlMessage[] = [];
    for (let i = 0; i < stream.length; i++) parsed.push(...reader.push(stream.subarray(i, i + 1)));
    expect(parsed).toEqual(messages);
  });

  it('rejects an unknown type', () => {
    expect(() => parseControlMessages(new Uint8Array([0x12]))).toThrow(ScrcpyProtocolError);
  });

  it('rejects an absurd text length instead of buffering forever', () => {
    expect(() => parseControlMessages(new Uint8Array([0x01, 0x7f, 0xff, 0xff, 0xff]))).toThrow(ScrcpyProtocolError);
  });
});
