import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestBridge, type TestBridge } from '../../support/bridge';

function openSocket(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, name: string, payload: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString());
      if (message.t === 'res' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message.envelope);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'req', id, name, payload }));
  });
}

describe('WebSocket bridge', () => {
  let t: TestBridge;
  let ws: WebSocket;
  const wsUrl = (path: string) => `ws://127.0.0.1:${new URL(t.url).port}${path}`;

  beforeAll(async () => {
    t = await startTestBridge();
    ws = await openSocket(wsUrl(`/ws?token=${t.bridge.token}`), t.bridge.origin);
  });
  afterAll(async () => {
    ws.close();
    await t.stop();
  });

  it('refuses a wrong token and a foreign origin', async () => {
    await expect(openSocket(wsUrl('/ws?token=wrong'), t.bridge.origin)).rejects.toThrow(/403/);
    await expect(openSocket(wsUrl(`/ws?token=${t.bridge.token}`), 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('validates payloads, rejects unknown channels and keeps error codes', async () => {
    expect(await call(ws, 1, 'endpoints.save', { name: '', baseURL: 'ftp://x', model: 'm', protocol: 'nope' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call(ws, 2, 'system.exec', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await call(ws, 3, 'endpoints.remove', { id: 'x', extra: 1 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call(ws, 4, 'endpoints.test', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call(ws, 5, 'app.info', {})).toMatchObject({ ok: true, result: { transport: 'bridge' } });
  });

  it('pushes events to connected renderers', async () => {
    const event = new Promise<{ name: string; payload: { settings: { theme: string } } }>((resolve) => {
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString());
        if (m.t === 'evt' && m.name === 'settings.changed') resolve(m);
      });
    });
    await call(ws, 6, 'settings.update', { theme: 'dark' });
    expect((await event).payload.settings.theme).toBe('dark');
  });

  it('carries a binary stream intact and in order on its own socket', async () => {
    const res = await call(ws, 7, 'diagnostics.streamProbe', { count: 50, size: 4096 });
    expect(res.ok).toBe(true);
    const { streamId } = res.result as { streamId: string };
    // Listen before the socket opens: the first buffers can arrive in the same read as the
    // upgrade answer, before an `await openSocket(...)` continuation could attach a listener.
    const buffers: Buffer[] = [];
    const stream = new WebSocket(wsUrl(`/stream?token=${t.bridge.token}&id=${streamId}`), { origin: t.bridge.origin });
    stream.on('message', (data: Buffer) => buffers.push(data));
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.on('close', () => resolve());
    });
    expect(buffers).toHaveLength(50);
    buffers.forEach((b, n) => {
      expect(b.length).toBe(4096);
      expect(b[0]).toBe(n & 0xff);
      expect(b[4095]).toBe((n + 4095) & 0xff);
    });
    expect(t.services.streams.size).toBe(0);
  });
});
