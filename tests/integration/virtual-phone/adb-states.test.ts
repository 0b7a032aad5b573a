// What the real adb server makes of a phone that has not allowed this computer yet
// (`unauthorized` until the user accepts the prompt) and of a phone that stops answering
// (`offline` while adb retries, `device` again once it is back).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAdbServer, type AdbServerHandle } from '../../support/adb-server';
import { adbState, startConnectedPhone, waitForState, type ConnectedPhone } from '../../support/virtual-phone';

let server: AdbServerHandle;
const phones: ConnectedPhone[] = [];

beforeAll(async () => { server = await startAdbServer(); });
afterEach(async () => {
  for (const p of phones.splice(0)) await p.stop();
});
afterAll(async () => { await server?.stop(); });

async function phone(...args: Parameters<typeof startConnectedPhone> extends [unknown, ...infer Rest] ? Rest : never): Promise<ConnectedPhone> {
  const p = await startConnectedPhone(server, ...args);
  phones.push(p);
  return p;
}

describe('a phone that has not allowed USB debugging for this computer', () => {
  it('is unauthorized until the user allows it, then a working device', async () => {
    // startConnectedPhone checks that `adb connect` answered "failed to authenticate to SERIAL".
    const p = await phone({ auth: 'prompt' }, 'unauthorized');
    const listed = await server.adb(['devices', '-l']);
    expect(listed.stdout).toMatch(new RegExp(`^${p.serial.replace(/\./g, '\\.')}\\s+unauthorized transport_id:\\d+$`, 'm'));
    const state = await p.adb(['get-state']);
    expect(state.code).toBe(1);
    expect(state.stderr).toMatch(/^error: device unauthorized\./);
    const refused = await p.adb(['shell', 'echo', 'hi']);
    expect(refused.stderr).toMatch(/device unauthorized/);
    expect(p.phone.inspect().auth).toEqual({ mode: 'prompt', prompting: true, trustedKeys: 0 });
    // Nothing of the phone ran while it was locked.
    expect(p.phone.events.list({ kind: 'shell' })).toEqual([]);

    expect(p.phone.authorize()).toBe(1);
    await waitForState(server, p.serial, 'device');
    expect((await p.adb(['get-state'])).stdout).toBe('device\n');
    expect((await p.adb(['shell', 'echo', 'hi'])).stdout).toBe('hi\n');
    expect((await server.adb(['devices', '-l'])).stdout).toContain('device product:phonepilot_virtual model:PhonePilot_Virtual');
  });

  it('trusts the allowed key on the next connection: no prompt, straight to device', async () => {
    const p = await phone({ auth: 'prompt' }, 'unauthorized');
    p.phone.authorize();
    await waitForState(server, p.serial, 'device');
    await server.adb(['disconnect', p.serial]);
    // adb signs the new token with the same key; the phone checks the signature against it.
    expect((await server.adb(['connect', p.serial])).stdout).toBe(`connected to ${p.serial}\n`);
    expect(await adbState(server, p.serial)).toBe('device');
    expect(p.phone.inspect().auth).toEqual({ mode: 'prompt', prompting: false, trustedKeys: 1 });
  });

  it('a phone without auth (the default) never prompts', async () => {
    const p = await phone();
    expect(await adbState(server, p.serial)).toBe('device');
    expect(p.phone.authorize()).toBe(0);
    expect(p.phone.inspect().auth).toEqual({ mode: 'none', prompting: false, trustedKeys: 0 });
  });
});

describe('a phone that stops answering', () => {
  it('is offline while adb retries, and a device again when it is back on its port', async () => {
    const p = await phone();
    const port = p.phone.port;
    await p.phone.stop();
    await waitForState(server, p.serial, 'offline');
    const state = await p.adb(['get-state']);
    expect([state.code, state.stderr]).toEqual([1, 'error: device offline\n']);

    await p.phone.start();
    expect(p.phone.port).toBe(port);
    // adb's own reconnect (not a new `adb connect`) finds it: its retries are ~10 s apart.
    await waitForState(server, p.serial, 'device', 40_000);
    expect((await p.adb(['shell', 'echo', 'back'])).stdout).toBe('back\n');
  });
});
