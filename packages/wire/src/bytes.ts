// Small byte helpers shared by the scrcpy wire formats. Pure TS (Uint8Array/DataView), so the
// same code runs in main, the renderer and the simulated phone.

const encoder = new TextEncoder();
// fatal: false so a peer's broken UTF-8 never throws inside a parser; it becomes U+FFFD.
const decoder = new TextDecoder('utf-8', { fatal: false });

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * Largest length <= maxLen that does not cut a UTF-8 sequence in two: step back while the byte
 * at the cut is a continuation byte (10xxxxxx). Mirrors scrcpy's sc_str_utf8_truncation_index.
 */
export function utf8TruncationIndex(bytes: Uint8Array, maxLen: number): number {
  if (bytes.length <= maxLen) return bytes.length;
  let len = maxLen;
  while (len > 0 && (bytes[len] & 0xc0) === 0x80) len--;
  return len;
}

/** UTF-8 bytes of `text`, truncated to at most maxLen bytes on a character boundary. */
export function utf8EncodeTruncated(text: string, maxLen: number): Uint8Array {
  const bytes = utf8Encode(text);
  return bytes.subarray(0, utf8TruncationIndex(bytes, maxLen));
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/**
 * A copy of bytes[start, end) in a fresh ArrayBuffer. Not `.slice()`: on a Node Buffer (what
 * sockets deliver) slice() is a view that shares, and may pin, the socket's pooled memory.
 */
export function copyBytes(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array {
  const out = new Uint8Array(Math.max(0, end - start));
  out.set(bytes.subarray(start, end));
  return out;
}

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A malformed or unsupported byte stream from the peer: the connection cannot continue. */
export class ScrcpyProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScrcpyProtocolError';
  }
}

/**
 * Turns a "parse what is complete" function into a push-based stream reader: keeps the
 * unconsumed tail between chunks (copying only when a message straddles two chunks).
 */
export class ChunkedReader<T> {
  private tail: Uint8Array = new Uint8Array(0);

  constructor(private readonly parse: (buf: Uint8Array) => { messages: T[]; consumed: number }) {}

  push(chunk: Uint8Array): T[] {
    const buf = this.tail.length === 0 ? chunk : concatBytes([this.tail, chunk]);
    const { messages, consumed } = this.parse(buf);
    // copy the leftover: `chunk` may be a pooled socket buffer reused after we return.
    this.tail = consumed === buf.length ? new Uint8Array(0) : copyBytes(buf, consumed);
    return messages;
  }

  /** Bytes received but not yet forming a complete message. */
  get pending(): number {
    return this.tail.length;
  }
}

/**
 * Every complete message at the start of buf, by repeated calls of a one-message parser that
 * returns null when the next message is incomplete. Callers keep buf.subarray(consumed).
 */
export function parseMessages<T>(buf: Uint8Array, parseOne: (rest: Uint8Array) => { msg: T; size: number } | null): { messages: T[]; consumed: number } {
  const messages: T[] = [];
  let consumed = 0;
  for (;;) {
    const one = parseOne(buf.subarray(consumed));
    if (!one) break;
    messages.push(one.msg);
    consumed += one.size;
  }
  return { messages, consumed };
}
