// The traces domain through the router (payloads and results checked against the contract):
// listing with the device filter values, opening (rerunOf), screenshots, the retention setting
// applied at start / after a task / on change, export as a download stream and to the exports
// folder, and a bundle uploaded in pieces.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentRunInfo } from '../../../../src/shared/contract';
import { createTracesDomain, type TracesDomain } from '../../../../src/main/features/traces/traces-domain';
import type { DomainContext } from '../../../../src/main/features/domain';
import { makeTempDir } from '../../../support/temp-dir';
import { writeSyntheticTrace } from '../../../fixtures/traces/synthetic-trace';
import { caller, domainContext } from './domain-context';

const SMALL = { width: 270, height: 600 };
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let ctx: DomainContext;
let events: Array<{ name: string; payload: unknown }>;
let domain: TracesDomain | undefined;

const traces = () => join(tmp.dir, 'traces');
const write = (id: string, day: number, extra: Partial<Parameters<typeof writeSyntheticTrace>[0]> = {}) =>
  writeSyntheticTrace({ dir: join(traces(), id), steps: 2, screen: SMALL, startedAt: Date.UTC(2025, 0, day), ...extra });
const runInfo = (runId: string, ended: boolean): AgentRunInfo => ({
  runId, serial: 'sim', task: 't', endpoint: { id: 'e', name: 'e', model: 'm' }, state: ended ? 'done' : 'running', steps: 1, maxSteps: 5,
  startedAt: 0, traceDir: join(traces(), runId), pendingPrompt: null, outcome: ended ? { status: 'finished', message: 'ok' } : null,
});

beforeEach(async () => {
  tmp = await makeTempDir('pp-traces-domain-');
  ({ ctx, events } = await domainContext(tmp.dir));
});
afterEach(async () => {
  await domain?.dispose?.();
  domain = undefined;
  ctx.streams.dispose();
  await tmp.cleanup();
});

async function start(): Promise<ReturnType<typeof caller>> {
  domain = createTracesDomain(ctx);
  await domain.start!();
  return caller(domain.handlers);
}

describe('traces domain', () => {
  it('lists with filters and every device, opens a trace with its rerun link and serves screenshots', async () => {
    await write('a', 1, { device: { serial: 'S1', model: 'Pixel 7' } });
    await write('b', 2, { device: { serial: 'S2', model: 'Galaxy' }, settings: { rerunOf: 'a', lang: 'en' }, status: 'none' });
    const call = await start();
    const all = await call('traces.list', {});
    expect(all.items.map((s) => s.id)).toEqual(['b', 'a']);
    expect(all.devices).toEqual([{ serial: 'S2', model: 'Galaxy' }, { serial: 'S1', model: 'Pixel 7' }]);
    const interrupted = await call('traces.list', { status: ['interrupted'] });
    expect(interrupted.items.map((s) => s.id)).toEqual(['b']);
    expect(interrupted).toMatchObject({ matched: 1, total: 2 });
    // The device list does not shrink with the filter (the dropdown keeps every choice).
    expect(interrupted.devices).toHaveLength(2);

    const opened = await call('traces.open', { id: 'b' });
    expect(opened.rerunOf).toBe('a');
    expect(opened.view.status).toBe('interrupted');
    expect(opened.view.steps).toHaveLength(2);
    expect((await call('traces.open', { id: 'a' })).rerunOf).toBeNull();

    const image = await call('traces.image', { id: 'a', name: 'step-0001.jpg', maxSide: 100 });
    expect(image.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    expect(image).toMatchObject({ width: 45, height: 100 });
    await expect(call('traces.image', { id: 'a', name: 'step-0009.jpg' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(call('traces.open', { id: '../etc' })).rejects.toMatchObject({ code: 'validation' });
  });

  it('applies the retention setting at start, after each task and when it changes; 0 keeps everything', async () => {
    for (const [id, day] of [['d1', 1], ['d2', 2], ['d3', 3], ['d4', 4]] as const) await write(id, day);
    await ctx.settings.update({ traces: { keepLast: 0, keepDays: 0 } });
    const call = await start();
    expect((await call('traces.retentionPreview', { keepLast: 3, keepDays: 0 }))).toMatchObject({ count: 1, ids: ['d1'] });
    expect((await call('traces.retentionPreview', { keepLast: 0, keepDays: 0 })).count).toBe(0);
    expect((await readdir(traces())).sort()).toEqual(['d1', 'd2', 'd3', 'd4']);

    // A change of the setting applies it.
    await ctx.settings.update({ traces: { keepLast: 3, keepDays: 0 } });
    await expect.poll(async () => (await readdir(traces())).sort()).toEqual(['d2', 'd3', 'd4']);

    // A task runs (listed as running, never deleted while live) and ends: retention runs again.
    await write('d5', 5);
    ctx.bus.emit('agent.run', runInfo('d5', false));
    expect((await call('traces.list', {})).items[0]).toMatchObject({ id: 'd5', status: 'running' });
    await expect(call('traces.delete', { id: 'd5' })).rejects.toMatchObject({ code: 'conflict' });
    ctx.bus.emit('agent.run', runInfo('d5', true));
    await expect.poll(async () => (await readdir(traces())).sort()).toEqual(['d3', 'd4', 'd5']);
    expect(existsSync(join(traces(), 'd5', 'summary.json'))).toBe(true);
    expect(events.some((e) => e.name === 'traces.changed' && (e.payload as { reason: string }).reason === 'task')).toBe(true);
    await domain!.dispose!();

    // At start, with the saved setting.
    await ctx.settings.update({ traces: { keepLast: 1, keepDays: 0 } });
    await start();
    await expect.poll(async () => (await readdir(traces())).sort()).toEqual(['d5']);
  });

  it('exports as a download stream and into the exports folder; imports a bundle uploaded in pieces', async () => {
    await write('e1', 1, { task: 'Export me' });
    const call = await start();
    const saved = await call('traces.export', { id: 'e1', format: 'html', delivery: 'exports' });
    expect(saved).toMatchObject({ fileName: 'e1.html', path: join(tmp.dir, 'exports', 'e1.html'), streamId: null });
    expect(existsSync(saved.path!)).toBe(true);

    const r = await call('traces.export', { id: 'e1', format: 'bundle', delivery: 'download' });
    expect(r).toMatchObject({ fileName: 'e1.ppbundle.zip', path: null });
    const pieces: Buffer[] = [];
    const closed = new Promise<string | undefined>((resolve) => {
      ctx.streams.attach(r.streamId!, { send: (d) => pieces.push(Buffer.from(d)), close: resolve });
    });
    expect(await closed).toBe('done');
    const zip = Buffer.concat(pieces);
    expect(zip.length).toBe(r.bytes);
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');

    // Upload in three pieces; the id e1 is taken, so the import gets another.
    const third = Math.ceil(zip.length / 3);
    const parts = [zip.subarray(0, third), zip.subarray(third, 2 * third), zip.subarray(2 * third)];
    let offset = 0;
    let imported = null;
    for (const [i, part] of parts.entries()) {
      const res = await call('traces.importChunk', { uploadId: 'upload-1', offset, data: part.toString('base64'), final: i === 2 });
      offset = res.received;
      imported = res.imported;
    }
    expect(offset).toBe(zip.length);
    expect(imported).toMatchObject({ renamedFrom: 'e1' });
    expect((await call('traces.open', { id: imported!.id })).view.task).toBe('Export me');
    expect(existsSync(join(tmp.dir, '.uploads', 'upload-1.zip'))).toBe(false);
    expect(events.some((e) => e.name === 'traces.changed' && (e.payload as { reason: string }).reason === 'imported')).toBe(true);

    // A piece out of order is refused and the upload dropped; a broken file is refused cleanly.
    await call('traces.importChunk', { uploadId: 'upload-2', offset: 0, data: zip.subarray(0, 10).toString('base64'), final: false });
    await expect(call('traces.importChunk', { uploadId: 'upload-2', offset: 5, data: 'AAAA', final: true })).rejects.toMatchObject({ code: 'validation' });
    await expect(call('traces.importChunk', { uploadId: 'upload-3', offset: 0, data: Buffer.from('not a zip').toString('base64'), final: true })).rejects.toThrow();
    expect((await call('traces.list', {})).total).toBe(2);
  });

  it('exports, as HTML or bundle, leave out every stored key whatever its shape; the bundle still imports', async () => {
    const KEY = 'gw-9q8w7e6r5t4y3u2i'; // no known key shape: only the stored value can find it
    await ctx.settings.saveEndpoint({ name: 'Gateway', baseURL: 'https://gw.example.invalid/v1', model: 'm', protocol: 'autoglm', apiKey: KEY });
    await write('k1', 3, { task: 'Leaky', replyExtra: ` The server said: Incorrect API key provided: ${KEY}.` });
    const call = await start();
    const html = await call('traces.export', { id: 'k1', format: 'html', delivery: 'exports' });
    const bundle = await call('traces.export', { id: 'k1', format: 'bundle', delivery: 'exports' });
    const htmlText = await readFile(html.path!, 'utf8');
    expect(htmlText).toContain('Incorrect API key provided: [redacted]');
    expect(htmlText).not.toContain(KEY);
    const files = unzipSync(new Uint8Array(await readFile(bundle.path!)));
    const traceText = strFromU8(files['trace.jsonl']);
    expect(traceText).toContain('Incorrect API key provided: [redacted]');
    for (const data of Object.values(files)) expect(Buffer.from(data).includes(KEY)).toBe(false);
    const imported = await domain!.store.importBundle(bundle.path!);
    expect(imported).toMatchObject({ renamedFrom: 'k1' });
  });

  it('replay needs phone control, a free device and a trace with something to replay', async () => {
    await write('r1', 1);
    await write('r2', 2, { steps: 0 });
    const call = await start();
    await expect(call('replay.start', { id: 'r1', serial: 'sim' })).rejects.toMatchObject({ code: 'unavailable' });
    await domain!.dispose!();

    let leased = 0;
    domain = createTracesDomain(ctx, { operators: async () => { leased += 1; throw new Error('not reached'); } });
    await domain.start!();
    const call2 = caller(domain.handlers);
    await expect(call2('replay.start', { id: 'r2', serial: 'sim' })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/no action that can be replayed/) });
    // An agent task on the device: a replay there is refused until the task ends.
    ctx.bus.emit('agent.run', { ...runInfo('r9', false), serial: 'sim' });
    await expect(call2('replay.start', { id: 'r1', serial: 'sim' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/agent task is running on sim/) });
    expect(leased).toBe(0);
    expect((await call2('replay.list', {})).replays).toEqual([]);
  });
});
