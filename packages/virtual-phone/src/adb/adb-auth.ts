// The phone's side of ADB authentication ("Allow USB debugging?"): which host keys it trusts,
// which key waits on the prompt, and checking a host's signature of our token against the
// trusted keys. The host signs the 20-byte token as if it were a SHA-1 digest (RSA PKCS#1 v1.5),
// and sends its key in Android's own RSAPublicKey layout, base64-encoded.
import { createPublicKey, publicDecrypt, randomBytes, constants, type KeyObject } from 'node:crypto';

export const ADB_AUTH_TOKEN = 1;
export const ADB_AUTH_SIGNATURE = 2;
export const ADB_AUTH_RSAPUBLICKEY = 3;
/** adbd's token length: the size of a SHA-1 digest. */
export const AUTH_TOKEN_SIZE = 20;

/** DER DigestInfo prefix for SHA-1: what PKCS#1 v1.5 puts in front of the signed digest. */
const SHA1_DIGEST_INFO = Buffer.from('3021300906052b0e03021a05000414', 'hex');

export function newAuthToken(): Buffer {
  return randomBytes(AUTH_TOKEN_SIZE);
}

/**
 * Decodes `adbkey.pub`'s base64 blob: u32 word count, u32 n0inv, modulus (little-endian words),
 * R^2 mod n (unused here), u32 exponent. Returns null for anything else.
 */
export function parseAdbPublicKey(payload: Buffer): KeyObject | null {
  const text = payload.toString('latin1').replace(/\0+$/, '').trim().split(/\s+/)[0] ?? '';
  const raw = Buffer.from(text, 'base64');
  if (raw.length < 12) return null;
  const words = raw.readUInt32LE(0);
  const bytes = words * 4;
  if (words === 0 || raw.length < 8 + 2 * bytes + 4) return null;
  const modulus = Buffer.from(raw.subarray(8, 8 + bytes)).reverse();
  const exponent = raw.readUInt32LE(8 + 2 * bytes);
  const e = Buffer.alloc(4);
  e.writeUInt32BE(exponent);
  try {
    return createPublicKey({
      key: { kty: 'RSA', n: modulus.toString('base64url'), e: e.subarray(e.findIndex((b) => b !== 0)).toString('base64url') },
      format: 'jwk',
    });
  } catch {
    return null;
  }
}

/** True when `signature` is `key`'s PKCS#1 v1.5 signature of `token` taken as a SHA-1 digest. */
export function verifyTokenSignature(key: KeyObject, token: Buffer, signature: Buffer): boolean {
  try {
    const recovered = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature);
    return recovered.equals(Buffer.concat([SHA1_DIGEST_INFO, token]));
  } catch {
    return false;
  }
}

/** What one connection needs from the phone's authorisation state. */
export interface AuthGate {
  /** True when a key the user accepted signed this token. */
  trusts(token: Buffer, signature: Buffer): boolean;
  /**
   * The host on `connection` sent its key: show the prompt; `accept` sends CNXN if the user
   * allows it. Replaces that connection's earlier entry.
   */
  prompt(connection: object, publicKey: Buffer, accept: () => void): void;
  /** `connection` no longer waits on the prompt (let in, challenged afresh, or closed). */
  withdraw(connection: object): void;
}

interface PendingPrompt {
  key: KeyObject;
  accept: () => void;
}

/**
 * The phone's "Allow USB debugging?" state: keys the user accepted (kept while the phone
 * object lives, like adb_keys) and the connections whose key waits on the prompt.
 */
export class PhoneAuthorization implements AuthGate {
  private readonly trusted: KeyObject[] = [];
  /** One entry per connection: allow() counts hosts, not the keys they sent. */
  private readonly pending = new Map<object, PendingPrompt>();

  get trustedKeys(): number {
    return this.trusted.length;
  }

  /** True while the prompt is showing (some connection sent a key nobody accepted yet). */
  get prompting(): boolean {
    return this.pending.size > 0;
  }

  trusts(token: Buffer, signature: Buffer): boolean {
    return this.trusted.some((key) => verifyTokenSignature(key, token, signature));
  }

  prompt(connection: object, publicKey: Buffer, accept: () => void): void {
    const key = parseAdbPublicKey(publicKey);
    // adbd ignores a key it cannot parse: the host stays unauthorized.
    if (!key) return;
    this.pending.set(connection, { key, accept });
  }

  withdraw(connection: object): void {
    this.pending.delete(connection);
  }

  /** The user taps "Allow": trust every key on the prompt and let those connections in. */
  allow(): number {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) {
      if (!this.trusted.some((k) => k.equals(entry.key))) this.trusted.push(entry.key);
      entry.accept();
    }
    return entries.length;
  }
}
