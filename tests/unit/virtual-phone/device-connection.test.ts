import { constants, generateKeyPairSync, privateEncrypt, type KeyObject } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PhoneAuthorization } from '../../../packages/virtual-phone/src/adb/adb-auth';
import { AdbDeviceConnection } from '../../../packages/virtual-phone/src/adb/device-connection';
import {
  A_AUTH, A_CLSE, A_CNXN, A_OKAY, A_OPEN, A_WRTE, PacketParser, encodePacket, type AdbPacket,
} from '#wire';

/** What the host side received, the payload as a Buffer view (to read it with Buffer's helpers). */
type HostPacket = Omit<AdbPacket, 'data'> & { data: Buffer };

/** Plays the adb host against an AdbDeviceConnection over a real loopback socket. */
async function harness(router: ConstructorParameters<typeof AdbDeviceConnection>[1]['router'], auth?: PhoneAuthorization) {
  let device: AdbDeviceConnection | null = null;
  const server: Server = createServer((s) => { device = new AdbDeviceConnection(s, { banner: 'device::ro.product.model=T;features=', router, auth }); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const host: Socket = connect((server.address() as { port: number }).port, '127.0.0.1');
  const parser = new PacketParser();
  const received: HostPacket[] = [];
  let wake: (() => void) | null = null;
  host.on('data', (d) => {
    for (const p of parser.push(d)) received.push({ ...p, data: Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength) });
    wake?.();
  });
  await new Promise<void>((r) => host.once('connect', () => r()));
  const next = async (): Promise<HostPacket> => {
    while (received.length === 0) await new Promise<void>((r) => { wake = r; });
    return received.shift()!;
  };
  const send = (p: AdbPacket) => host.write(encodePacket(p));
  const sendRaw = (b: Uint8Array) => host.write(b);
  const close = async () => {
    host.destroy();
    device?.close();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return { next, send, sendRaw, close, received, device: () => device };
}

describe('ADB device connection', () => {
  let cleanup: (() => Promise<void>) | null = null;
  afterEach(async () => { await cleanup?.(); cleanup = null; });

  it('answers CNXN, splits writes to the host maxdata and waits for each OKAY', async () => {
    const payload = Buffer.alloc(250, 0x41);
    const h = await harness(() => (stream) => { void stream.write(payload).then(() => stream.end()); });
    cleanup = h.close;
    h.send({ command: A_CNXN, arg0: 0x01000001, arg1: 100, data: Buffer.from('host::features=') });
    const cnxn = await h.next();
    expect(cnxn.command).toBe(A_CNXN);
    expect(cnxn.data.toString()).toContain('ro.product.model=T');

    h.send({ command: A_OPEN, arg0: 77, arg1: 0, data: Buffer.from('shell:x\0') });
    const okay = await h.next();
    expect([okay.command, okay.arg1]).toEqual([A_OKAY, 77]);
    const devId = okay.arg0;
    const sizes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const w = await h.next();
      expect([w.command, w.arg0, w.arg1]).toEqual([A_WRTE, devId, 77]);
      sizes.push(w.data.length);
      // Nothing else may arrive before we acknowledge this WRTE.
      await new Promise((r) => setTimeout(r, 20));
      expect(h.received).toHaveLength(0);
      h.send({ command: A_OKAY, arg0: 77, arg1: devId, data: Buffer.alloc(0) });
    }
    expect(sizes).toEqual([100, 100, 50]);
    const clse = await h.next();
    expect([clse.command, clse.arg0, clse.arg1]).toEqual([A_CLSE, devId, 77]);
  });

  it('refuses unknown services with CLSE(0, host id) and acks host WRTEs', async () => {
    const got: string[] = [];
    const h = await harness((service) => (service === 'echo:' ? (stream) => stream.on('data', (d) => got.push(d.toString())) : null));
    cleanup = h.close;
    h.send({ command: A_CNXN, arg0: 0x01000001, arg1: 4096, data: Buffer.from('host::') });
    await h.next();
    h.send({ command: A_OPEN, arg0: 5, arg1: 0, data: Buffer.from('nope:\0') });
    const refused = await h.next();
    expect([refused.command, refused.arg0, refused.arg1]).toEqual([A_CLSE, 0, 5]);
    h.send({ command: A_OPEN, arg0: 6, arg1: 0, data: Buffer.from('echo:\0') });
    const ok = await h.next();
    // Two WRTEs in one TCP write (coalesced), the second split from its header.
    const w1 = encodePacket({ command: A_WRTE, arg0: 6, arg1: ok.arg0, data: Buffer.from('ab') });
    const w2 = encodePacket({ command: A_WRTE, arg0: 6, arg1: ok.arg0, data: Buffer.from('cd') });
    h.sendRaw(Buffer.concat([w1, w2.subarray(0, 5)]));
    const ack1 = await h.next();
    expect([ack1.command, ack1.arg0, ack1.arg1]).toEqual([A_OKAY, ok.arg0, 6]);
    h.sendRaw(w2.subarray(5));
    const ack2 = await h.next();
    expect(ack2.command).toBe(A_OKAY);
    expect(got.join('')).toBe('abcd');
  });

  describe('with USB debugging not yet allowed', () => {
    const HOST_CNXN = { command: A_CNXN, arg0: 0x01000001, arg1: 4096, data: Buffer.from('host::') };
    const host = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const echo = () => () => undefined;

    /** A phone on which `host` once sent its key and the user tapped Allow. */
    async function phoneThatAllowedHost(): Promise<PhoneAuthorization> {
      const auth = new PhoneAuthorization();
      const earlier = await harness(echo, auth);
      earlier.send(HOST_CNXN);
      await earlier.next();
      earlier.send({ command: A_AUTH, arg0: 3, arg1: 0, data: Buffer.from(`${adbPublicKey(host.publicKey)}\0`) });
      await vi.waitFor(() => expect(auth.prompting).toBe(true));
      auth.allow();
      await earlier.next();
      await earlier.close();
      return auth;
    }

    it('challenges, refuses unknown signatures and streams, and lets the host in once allowed', async () => {
      const auth = new PhoneAuthorization();
      const h = await harness(echo, auth);
      cleanup = h.close;
      h.send(HOST_CNXN);
      const first = await h.next();
      expect([first.command, first.arg0, first.data.length]).toEqual([A_AUTH, 1, 20]);
      // The host tries its key: nobody allowed it yet, so a fresh challenge comes back.
      h.send({ command: A_AUTH, arg0: 2, arg1: 0, data: signToken(host.privateKey, first.data) });
      const second = await h.next();
      expect([second.command, second.arg0]).toEqual([A_AUTH, 1]);
      expect(second.data.equals(first.data)).toBe(false);
      h.send({ command: A_AUTH, arg0: 3, arg1: 0, data: Buffer.from(`${adbPublicKey(host.publicKey)} user@host\0`) });
      await vi.waitFor(() => expect(auth.prompting).toBe(true));
      // Not online: an OPEN gets nothing back.
      h.send({ command: A_OPEN, arg0: 9, arg1: 0, data: Buffer.from('shell:x\0') });
      await new Promise((r) => setTimeout(r, 30));
      expect(h.received).toHaveLength(0);
      expect(h.device()!.connected).toBe(false);

      expect(auth.allow()).toBe(1);
      const cnxn = await h.next();
      expect(cnxn.command).toBe(A_CNXN);
      expect(h.device()!.connected).toBe(true);
      expect(auth.prompting).toBe(false);
    });

    it('lets a host whose key was allowed earlier in at its first signature, and no other', async () => {
      const auth = await phoneThatAllowedHost();
      expect(auth.trustedKeys).toBe(1);

      const h = await harness(echo, auth);
      cleanup = h.close;
      h.send(HOST_CNXN);
      const token = (await h.next()).data;
      h.send({ command: A_AUTH, arg0: 2, arg1: 0, data: signToken(stranger.privateKey, token) });
      const again = await h.next();
      expect(again.command).toBe(A_AUTH);
      h.send({ command: A_AUTH, arg0: 2, arg1: 0, data: signToken(host.privateKey, again.data) });
      expect((await h.next()).command).toBe(A_CNXN);
    });

    it('keeps one prompt entry per connection: a repeated key or a re-CNXN replaces it', async () => {
      const auth = new PhoneAuthorization();
      const h = await harness(echo, auth);
      cleanup = h.close;
      const key = { command: A_AUTH, arg0: 3, arg1: 0, data: Buffer.from(`${adbPublicKey(host.publicKey)}\0`) };
      h.send(HOST_CNXN);
      await h.next();
      h.send(key);
      h.send(key);
      await vi.waitFor(() => expect(auth.prompting).toBe(true));
      // The host starts over: the prompt entry of the old challenge is gone with it.
      h.send(HOST_CNXN);
      expect((await h.next()).command).toBe(A_AUTH);
      expect(auth.prompting).toBe(false);
      h.send(key);
      await vi.waitFor(() => expect(auth.prompting).toBe(true));
      expect(auth.allow()).toBe(1);
      expect((await h.next()).command).toBe(A_CNXN);
      expect(auth.prompting).toBe(false);
    });

    it('drops the prompt entry of a connection let in by a signature, or closed', async () => {
      const auth = await phoneThatAllowedHost();

      // A host offers an unknown key first, then signs with the allowed one.
      const h = await harness(echo, auth);
      cleanup = h.close;
      h.send(HOST_CNXN);
      const token = (await h.next()).data;
      h.send({ command: A_AUTH, arg0: 3, arg1: 0, data: Buffer.from(`${adbPublicKey(stranger.publicKey)}\0`) });
      await vi.waitFor(() => expect(auth.prompting).toBe(true));
      h.send({ command: A_AUTH, arg0: 2, arg1: 0, data: signToken(host.privateKey, token) });
      expect((await h.next()).command).toBe(A_CNXN);
      expect(auth.prompting).toBe(false);
      expect(auth.allow()).toBe(0);
      expect(auth.trustedKeys).toBe(1);

      const gone = await harness(echo, auth);
      gone.send(HOST_CNXN);
      await gone.next();
      gone.send({ command: A_AUTH, arg0: 3, arg1: 0, data: Buffer.from(`${adbPublicKey(stranger.publicKey)}\0`) });
      await vi.waitFor(() => expect(auth.prompting).toBe(true));
      await gone.close();
      await vi.waitFor(() => expect(auth.prompting).toBe(false));
    });
  });
});

/** What the adb host does with its private key: PKCS#1 v1.5 over the token taken as a SHA-1 digest. */
function signToken(key: KeyObject, token: Buffer): Buffer {
  const digestInfo = Buffer.from('3021300906052b0e03021a05000414', 'hex');
  return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([digestInfo, token]));
}

/** adbkey.pub's base64 blob: word count, n0inv, modulus and R^2 mod n as little-endian words, exponent. */
function adbPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  const n = BigInt(`0x${Buffer.from(jwk.n!, 'base64url').toString('hex')}`);
  const words = 64;
  const le = (v: bigint) => {
    const out = Buffer.alloc(words * 4);
    for (let i = 0; i < out.length; i++) out[i] = Number((v >> BigInt(8 * i)) & 0xffn);
    return out;
  };
  const header = Buffer.alloc(8);
  header.writeUInt32LE(words, 0);
  const n0 = n & 0xffffffffn;
  let inv = 1n;
  for (let i = 0; i < 5; i++) inv = (inv * (2n - n0 * inv)) & 0xffffffffn;
  header.writeUInt32LE(Number((0x100000000n - inv) & 0xffffffffn), 4);
  const rr = (1n << BigInt(words * 32 * 2)) % n;
  const exponent = Buffer.alloc(4);
  exponent.writeUInt32LE(Number(BigInt(`0x${Buffer.from(jwk.e!, 'base64url').toString('hex')}`)));
  return Buffer.concat([header, le(n), le(rr), exponent]).toString('base64');
}
