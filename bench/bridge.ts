import WebSocket from 'ws';
import { AppServices } from '../src/main/features/app-services';
import { WsBridge } from '../src/main/hosts/bridge/ws-bridge';
import { makeTempDir } from '../tests/support/temp-dir';
import { round, summarize } from './stats';

/**
 * The bridge's two paths, measured in one run: request round trip (app.info) and binary stream
 * throughput (diagnostics.streamProbe with frame-sized buffers).
 */
export async function runBridgeBench(): Promise<Record<string, unknown>> {
  const tmp = await makeTempDir('phonepilot-bench-');
  const services = new AppServices({ transport: 'bridge', version: 'bench', dataDir: tmp.dir });
  await services.start();
  const bridge = new WsBridge({ services, rendererDir: tmp.dir });
  await bridge.start();
  const port = new URL(bridge.url).port;
  const open = (path: string) => new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { origin: bridge.origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
  try {
    const ws = await open(`/ws?token=${bridge.token}`);
    let id = 0;
    const call = (name: string, payload: unknown) => new Promise<{ result: { streamId: string } }>((resolve) => {
      const my = ++id;
      const onMessage = (data: WebSocket.RawData) => {
        const m = JSON.parse(data.toString());
        if (m.t === 'res' && m.id === my) {
          ws.off('message', onMessage);
          resolve(m.envelope);
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ t: 'req', id: my, name, payload }));
    });
    const rtts: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await call('app.info', {});
      rtts.push(performance.now() - t0);
    }
    const count = 600;
    const size = 64 * 1024;
    const { result } = await call('diagnostics.streamProbe', { count, size });
    const t0 = performance.now();
    // Count from the first byte: buffers can arrive before an awaited 'open' would let us listen.
    let bytes = 0;
    const stream = new WebSocket(`ws://127.0.0.1:${port}/stream?token=${bridge.token}&id=${result.streamId}`, { origin: bridge.origin });
    stream.on('message', (data: Buffer) => (bytes += data.length));
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.on('close', () => resolve());
    });
    if (bytes !== count * size) throw new Error(`stream delivered ${bytes} of ${count * size} bytes`);
    const seconds = (performance.now() - t0) / 1000;
    ws.close();
    const rtt = summarize(rtts);
    const report = {
      requestRoundTripMs: { median: round(rtt.median, 3), p95: round(rtt.p95, 3), n: rtt.n },
      streamBuffersPerSecond: round(count / seconds, 0),
      streamMBPerSecond: round(bytes / seconds / 1e6, 1),
      streamBufferBytes: size,
    };
    process.stdout.write(`bridge: request round trip median ${report.requestRoundTripMs.median} ms (p95 ${report.requestRoundTripMs.p95}); stream ${report.streamBuffersPerSecond} buffers/s, ${report.streamMBPerSecond} MB/s of ${size / 1024} KiB buffers\n`);
    return report;
  } finally {
    await bridge.stop();
    await services.dispose();
    await tmp.cleanup();
  }
}
