// `adb tcpip` racing stop(): the Wi-Fi side's port must not stay bound behind a stopped phone.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AdbListener } from '../../../packages/virtual-phone/src/adb/adb-listener';
import { VirtualPhone } from '../../../packages/virtual-phone/src/virtual-phone';

/** A free loopback port (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** True when nothing holds 127.0.0.1:port (we can bind it ourselves). */
async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  const bound = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (bound) await new Promise<void>((resolve) => server.close(() => resolve()));
  return bound;
}

/** The tcpip service's way in (`device.network.listenTcp`), without an adb host to time it. */
function listenTcpip(phone: VirtualPhone, port: number): Promise<void> {
  return (phone as unknown as { listenTcpip(port: number): Promise<void> }).listenTcpip(port);
}

describe('adb tcpip while the phone stops', () => {
  const phones: VirtualPhone[] = [];
  afterEach(async () => { await Promise.all(phones.splice(0).map((p) => p.dispose())); });

  it('fails the request and leaves the port free when stop() runs while the port is being bound', async () => {
    const phone = new VirtualPhone();
    phones.push(phone);
    await phone.start();
    const port = await freePort();
    const opening = listenTcpip(phone, port);
    const stopping = phone.stop();
    await expect(opening).rejects.toThrow(/stopped|closed/);
    await stopping;
    expect(phone.resources().listeners).toBe(0);
    expect(phone.inspect().tcpipPort).toBeNull();
    expect(await portIsFree(port)).toBe(true);
  });

  it('AdbListener.close() during listen() closes the server once it is bound', async () => {
    const listener = new AdbListener(() => undefined);
    const port = await freePort();
    const listening = listener.listen(port, '127.0.0.1');
    await listener.close();
    await expect(listening).rejects.toThrow(/closed/);
    expect(listener.listening).toBe(false);
    expect(await portIsFree(port)).toBe(true);
  });
});
