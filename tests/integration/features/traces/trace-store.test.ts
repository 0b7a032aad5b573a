// The history store against real trace directories written by the agent's TraceWriter.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRACE_FILE_NAME } from '../../../../src/shared/agent/trace';
import { AppError } from '../../../../src/shared/errors';
import { SUMMARY_FILE_NAME } from '../../../../src/shared/traces/summary';
import { TraceStore } from '../../../../src/main/features/traces/trace-store';
import { makeTempDir } from '../../../support/temp-dir';
import { renderScreen, writeSyntheticTrace } from '../../../fixtures/traces/synthetic-trace';

const SMALL = { width: 270, height: 600 };
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 2, 1, 12, 0, 0);

let root: { dir: string; cleanup: () => Promise<void> };
let shot: Uint8Array;
beforeEach(async () => {
  root = await makeTempDir('phonepilot-traces-');
  shot ??= await renderScreen(1, SMALL);
});
afterEach(async () => root.cleanup());

const tracesDir = () => join(root.dir, 'traces');
async function make(id: string, o: Partial<Parameters<typeof writeSyntheticTrace>[0]> = {}) {
  return writeSyntheticTrace({ dir: join(tracesDir(), id), steps: 3, screen: SMALL, screenshot: shot, ...o });
}

async function expectAppError(p: Promise<unknown>, code: string, message: RegExp) {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect((err as AppError).message).toMatch(message);
}

describe('TraceStore', () => {
  it('lists every trace newest first with the summary fields the history shows', async () => {
    await make('a', { task: 'Order lunch', startedAt: T0, status: 'finished', steps: 4 });
    await make('b', { task: 'Turn on Wi-Fi', startedAt: T0 + 1000, status: 'failed', device: { serial: 'R58M', model: 'Galaxy S21' } });
    await make('c', { task: 'Call mum', startedAt: T0 + 2000, status: 'stopped' });
    const store = new TraceStore({ dir: tracesDir() });
    const list = await store.list();
    expect(list.items.map((s) => s.id)).toEqual(['c', 'b', 'a']);
    expect(list.total).toBe(3);
    const a = list.items[2]!;
    expect(a).toMatchObject({
      task: 'Order lunch', status: 'finished', steps: 4, startedAt: T0, device: { serial: 'emulator-5554', model: 'Pixel 7' },
      endpoint: { name: 'Local vLLM', model: 'autoglm-phone-9b', protocol: 'autoglm' }, screenshots: 4, errors: 1, problems: [],
    });
    expect(a.durationMs).toBeGreaterThan(0);
    const files = await fs.readdir(join(tracesDir(), 'a'));
    let bytes = 0;
    for (const f of files) if (f !== SUMMARY_FILE_NAME) bytes += (await fs.stat(join(tracesDir(), 'a', f))).size;
    expect(a.bytes).toBe(bytes);
    expect(list.totalBytes).toBe(list.items.reduce((s, i) => s + i.bytes, 0));
    expect(await store.diskUsage()).toEqual({ traces: 3, bytes: list.totalBytes });
  });

  it('searches by text and filters by status, device and date', async () => {
    await make('a', { task: 'Order lunch', startedAt: T0, status: 'finished' });
    await make('b', { task: 'Turn on Wi-Fi', startedAt: T0 + DAY, status: 'failed', device: { serial: 'R58M', model: 'Galaxy S21' } });
    await make('c', { task: 'Order a taxi', startedAt: T0 + 2 * DAY, status: 'stopped' });
    const store = new TraceStore({ dir: tracesDir() });
    const ids = async (q: Parameters<TraceStore['list']>[0]) => (await store.list(q)).items.map((s) => s.id);
    expect(await ids({ search: 'ORDER' })).toEqual(['c', 'a']);
    expect(await ids({ search: 'galaxy' })).toEqual(['b']);
    expect(await ids({ status: 'failed' })).toEqual(['b']);
    expect(await ids({ status: ['finished', 'stopped'] })).toEqual(['c', 'a']);
    expect(await ids({ device: 'r58m' })).toEqual(['b']);
    expect(await ids({ from: T0 + DAY / 2, to: T0 + 1.5 * DAY })).toEqual(['b']);
    expect(await ids({ limit: 1, offset: 1 })).toEqual(['b']);
    expect((await store.list({ search: 'order', limit: 1 })).matched).toBe(2);
  });

  it('writes summary.json, rebuilds it when missing or stale, and uses it when fresh', async () => {
    await make('a', { task: 'Original task' });
    const store = new TraceStore({ dir: tracesDir() });
    const summaryFile = join(tracesDir(), 'a', SUMMARY_FILE_NAME);
    await expect(fs.stat(summaryFile)).rejects.toThrow();
    await store.list();
    const written = JSON.parse(await fs.readFile(summaryFile, 'utf8'));
    expect(written).toMatchObject({ id: 'a', task: 'Original task', status: 'finished' });

    // A fresh summary is trusted (listing does not re-read trace.jsonl): prove it by editing it.
    await fs.writeFile(summaryFile, JSON.stringify({ ...written, task: 'From the summary file' }));
    expect((await store.list()).items[0]!.task).toBe('From the summary file');

    // Deleted: rebuilt from trace.jsonl.
    await fs.rm(summaryFile);
    expect((await store.list()).items[0]!.task).toBe('Original task');
    await expect(fs.stat(summaryFile)).resolves.toBeTruthy();

    // Corrupt: rebuilt.
    await fs.writeFile(summaryFile, '{not json');
    expect((await store.list()).items[0]!.task).toBe('Original task');

    // Stale (trace.jsonl changed since): rebuilt.
    await fs.writeFile(summaryFile, JSON.stringify({ ...written, task: 'Stale' }));
    await fs.appendFile(join(tracesDir(), 'a', TRACE_FILE_NAME), '');
    const traceFile = join(tracesDir(), 'a', TRACE_FILE_NAME);
    const later = new Date(Date.now() + 5000);
    await fs.utimes(traceFile, later, later);
    expect((await store.list()).items[0]!.task).toBe('Original task');
  });

  it('lists an interrupted trace (no finish event, torn last line) as interrupted, and opens and exports it', async () => {
    await make('cut', { status: 'none', steps: 2 });
    await fs.appendFile(join(tracesDir(), 'cut', TRACE_FILE_NAME), '{"seq":99,"t":1,"type":"step_sta');
    const store = new TraceStore({ dir: tracesDir() });
    const [s] = (await store.list()).items;
    expect(s).toMatchObject({ id: 'cut', status: 'interrupted', steps: 2 });
    expect(s!.problems.join(' ')).toMatch(/last line was incomplete/);
    const opened = await store.open('cut');
    expect(opened.view.steps.map((x) => x.step)).toEqual([1, 2]);
    expect(opened.trace.truncatedTail).toBe(true);
    const html = await store.exportHtml('cut', join(root.dir, 'cut.html'));
    expect(html.steps).toBe(2);
    const bundle = await store.exportBundle('cut', join(root.dir, 'cut.zip'));
    expect(bundle.manifest.repaired).toEqual({ droppedPartialLine: true, droppedLines: [] });
    await store.delete('cut');
    const imported = await store.importBundle(join(root.dir, 'cut.zip'));
    expect((await store.summary(imported.id)).status).toBe('interrupted');
  });

  it('reports a live task as running and refuses to delete it', async () => {
    await make('live', { status: 'none' });
    const store = new TraceStore({ dir: tracesDir(), isLive: (id) => id === 'live' });
    expect((await store.list()).items[0]!.status).toBe('running');
    await expect(fs.stat(join(tracesDir(), 'live', SUMMARY_FILE_NAME))).rejects.toThrow();
    await expectAppError(store.delete('live'), 'conflict', /still running/);
  });

  it('deletes one trace and nothing else; refuses ids that are not trace ids', async () => {
    await make('a');
    await make('b');
    const store = new TraceStore({ dir: tracesDir() });
    const { freedBytes } = await store.delete('a');
    expect(freedBytes).toBeGreaterThan(0);
    expect((await store.list()).items.map((s) => s.id)).toEqual(['b']);
    expect(await fs.readdir(tracesDir())).toEqual(['b']);
    await expectAppError(store.delete('a'), 'not_found', /No trace/);
    await expectAppError(store.delete('../traces'), 'validation', /not a trace id/);
    await expectAppError(store.readFile('b', '../b/trace.jsonl'), 'validation', /not a trace file name/);
    expect((await store.list()).total).toBe(1);
  });

  it('lists a trace it cannot read (a newer format) with the reason instead of failing the whole list', async () => {
    await make('ok');
    await fs.mkdir(join(tracesDir(), 'future'));
    const task = JSON.parse((await fs.readFile(join(tracesDir(), 'ok', TRACE_FILE_NAME), 'utf8')).split('\n')[0]!);
    await fs.writeFile(join(tracesDir(), 'future', TRACE_FILE_NAME), `${JSON.stringify({ ...task, schemaVersion: 9 })}\n`);
    const list = await new TraceStore({ dir: tracesDir() }).list();
    expect(list.items.map((s) => s.id).sort()).toEqual(['future', 'ok']);
    expect(list.items.find((s) => s.id === 'future')!.problems[0]).toMatch(/written by a newer PhonePilot/);
    await new TraceStore({ dir: tracesDir() }).delete('future');
    expect(await fs.readdir(tracesDir())).toEqual(['ok']);
  });

  it('skips folders that are not traces and hidden import/delete folders', async () => {
    await make('a');
    await fs.mkdir(join(tracesDir(), 'empty-folder'));
    await fs.mkdir(join(tracesDir(), '.import-123'));
    await fs.writeFile(join(tracesDir(), 'stray.txt'), 'x');
    const store = new TraceStore({ dir: tracesDir() });
    expect((await store.list()).items.map((s) => s.id)).toEqual(['a']);
    expect(await new TraceStore({ dir: join(root.dir, 'nothing-here') }).list()).toEqual({ items: [], matched: 0, total: 0, totalBytes: 0 });
  });

  it('retention keeps the newest N and the last N days, deleting exactly the others', async () => {
    const now = T0 + 30 * DAY;
    for (let i = 0; i < 6; i++) await make(`t${i}`, { startedAt: now - i * 5 * DAY }); // 0, 5, 10, 15, 20, 25 days old
    const store = new TraceStore({ dir: tracesDir(), now: () => now });
    expect((await store.previewRetention({ keepLast: 4 })).map((s) => s.id)).toEqual(['t4', 't5']);
    const r1 = await store.applyRetention({ keepLast: 4 });
    expect(r1.deleted).toEqual(['t4', 't5']);
    expect(r1.freedBytes).toBeGreaterThan(0);
    const r2 = await store.applyRetention({ keepDays: 12 });
    expect(r2.deleted).toEqual(['t3']);
    expect((await store.list()).items.map((s) => s.id)).toEqual(['t0', 't1', 't2']);
    const r3 = await store.applyRetention({ keepLast: 2, keepDays: 100 });
    expect(r3.deleted).toEqual(['t2']);
    expect((await store.list()).items.map((s) => s.id)).toEqual(['t0', 't1']);
  });
});
