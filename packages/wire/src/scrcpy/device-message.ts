// scrcpy device messages (device -> client, on the control socket), as in scrcpy's
// server DeviceMessageWriter.java and app/src/device_msg.c. Big-endian.

import { ChunkedReader, copyBytes, ScrcpyProtocolError, utf8Decode, utf8EncodeTruncated, viewOf, parseMessages } from '../bytes';

export const DeviceMessageType = { CLIPBOARD: 0, ACK_CLIPBOARD: 1, UHID_OUTPUT: 2 } as const;

/** The client refuses bigger device messages. */
export const DEVICE_MSG_MAX_SIZE = 1 << 18;
/** type(1) + length(4). */
export const DEVICE_CLIPBOARD_TEXT_MAX_LENGTH = DEVICE_MSG_MAX_SIZE - 5;

export type DeviceMessage =
  | { type: 'clipboard'; text: string }
  | { type: 'ackClipboard'; sequence: bigint }
  | { type: 'uhidOutput'; id: number; data: Uint8Array };

export function serializeDeviceMessage(msg: DeviceMessage): Uint8Array {
  switch (msg.type) {
    case 'clipboard': {
      const text = utf8EncodeTruncated(msg.text, DEVICE_CLIPBOARD_TEXT_MAX_LENGTH);
      const out = new Uint8Array(5 + text.length);
      out[0] = DeviceMessageType.CLIPBOARD;
      viewOf(out).setUint32(1, text.length);
      out.set(text, 5);
      return out;
    }
    case 'ackClipboard': {
      const out = new Uint8Array(9);
      out[0] = DeviceMessageType.ACK_CLIPBOARD;
      viewOf(out).setBigUint64(1, BigInt.asUintN(64, msg.sequence));
      return out;
    }
    case 'uhidOutput': {
      if (msg.data.length > 0xffff) throw new RangeError('UHID output larger than 65535 bytes');
      const out = new Uint8Array(5 + msg.data.length);
      out[0] = DeviceMessageType.UHID_OUTPUT;
      const dv = viewOf(out);
      dv.setUint16(1, msg.id);
      dv.setUint16(3, msg.data.length);
      out.set(msg.data, 5);
      return out;
    }
  }
}

function parseOne(buf: Uint8Array): { msg: DeviceMessage; size: number } | null {
  if (buf.length < 1) return null;
  const dv = viewOf(buf);
  switch (buf[0]) {
    case DeviceMessageType.CLIPBOARD: {
      if (buf.length < 5) return null;
      const len = dv.getUint32(1);
      if (len > DEVICE_CLIPBOARD_TEXT_MAX_LENGTH) throw new ScrcpyProtocolError(`clipboard of ${len} bytes exceeds the device message cap`);
      if (buf.length < 5 + len) return null;
      return { size: 5 + len, msg: { type: 'clipboard', text: utf8Decode(buf.subarray(5, 5 + len)) } };
    }
    case DeviceMessageType.ACK_CLIPBOARD:
      if (buf.length < 9) return null;
      return { size: 9, msg: { type: 'ackClipboard', sequence: dv.getBigUint64(1) } };
    case DeviceMessageType.UHID_OUTPUT: {
      if (buf.length < 5) return null;
      const len = dv.getUint16(3);
      if (buf.length < 5 + len) return null;
      // Copy: the chunk may be a reused socket buffer.
      return { size: 5 + len, msg: { type: 'uhidOutput', id: dv.getUint16(1), data: copyBytes(buf, 5, 5 + len) } };
    }
    default:
      throw new ScrcpyProtocolError(`unknown device message type ${buf[0]}`);
  }
}

/** Client side: every complete message at the start of buf; keep buf.subarray(consumed). */
export function parseDeviceMessages(buf: Uint8Array): { messages: DeviceMessage[]; consumed: number } {
  return parseMessages(buf, parseOne);
}

/** Push-based client-side reader of the control socket's incoming bytes. */
export class DeviceMessageReader extends ChunkedReader<DeviceMessage> {
  constructor() {
    super(parseDeviceMessages);
  }
}
