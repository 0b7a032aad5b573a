import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRACE_SCHEMA_VERSION, type TraceEventInput } from '../../../../src/shared/agent/trace';
import { nodeTraceFs, TraceWriteError, TraceWriter, type TraceFs } from '../../../../src/main/features/traces/trace-writer';
import { parseTraceText, readTrace } from '../../../../src/main/features/traces/trace-reader';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'pp-trace-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

const taskEvent: TraceEventInput = {
  type: 'task', schemaVersion: TRACE_SCHEMA_VERSION, taskId: 't1', task: 'Turn on Wi-Fi',
  device: { serial: 'emulator-5554', model: 'Pixel', width: 1080, height: 2400 },
  endpoint: { name: 'local', baseURL: 'http://127.0.0.1:8000/v1', model: 'autoglm-phone-9b', protocol: 'autoglm' },
  settings: { maxSteps: 50, lang: 'en', temperature: 0 },
};

/** A TraceFs over the real one whose writes start failing with `code` after `okWrites` writes. */
function failingFs(code: string, okWrites: number, calls: { syncs: number } = { syncs: 0 }): TraceFs {
  let writes = 0;
  return {
    mkdir: nodeTraceFs.mkdir,
    writeFile: async (p, d) => {
      if (writes >= okWrites) throw Object.assign(new Error(`${code}: simulated`), { code });
      return nodeTraceFs.writeFile(p, d);
    },
    openAppend: async (p) => {
      const real = await nodeTraceFs.openAppend(p);
      return {
        write: async (d: string) => {
          if (writes >= okWrites) {
            // Like a real full disk: part of the line may land before the error.
            await real.write(d.slice(0, Math.floor(d.length / 2)));
            throw Object.assign(new Error(`${code}: no space left on device`), { code });
          }
          writes += 1;
          return real.write(d);
        },
        sync: async () => { calls.syncs += 1; return real.sync(); },
        close: () => real.close(),
      };
    },
  };
}

describe('TraceWriter', () => {
  it('appends validated, numbered events and screenshots, readable back', async () => {
    const w = await TraceWriter.open(join(dir, 'task-1'));
    await w.append(taskEvent);
    const name = await w.saveScreenshot(1, new Uint8Array([0xff, 0xd8, 0xff]), 'image/jpeg');
    await w.append({ type: 'step_started', step: 1, screenshot: name, screen: { width: 1080, height: 2400 }, currentApp: 'launcher' });
    await w.append({ type: 'finish', status: 'finished', message: 'Wi-Fi on', steps: 1, durationMs: 1234 });
    await w.close();
    expect(name).toBe('step-0001.jpg');
    expect(await readdir(join(dir, 'task-1'))).toEqual(expect.arrayContaining(['trace.jsonl', 'step-0001.jpg']));
    const t = await readTrace(join(dir, 'task-1'));
    expect(t.events.map((e) => [e.seq, e.type])).toEqual([[0, 'task'], [1, 'step_started'], [2, 'finish']]);
    expect(t.status).toBe('finished');
    expect(t.steps).toBe(1);
    expect(t.truncatedTail).toBe(false);
  });

  it('fsyncs at step boundaries', async () => {
    const calls = { syncs: 0 };
    const w = await TraceWriter.open(dir, { fs: failingFs('ENOSPC', 100, calls) });
    await w.append(taskEvent);
    expect(calls.syncs).toBe(1);
    await w.append({ type: 'confirmation', step: 1, phase: 'asked', reason: 'pay' });
    expect(calls.syncs).toBe(1);
    await w.append({ type: 'action_executed', step: 1, action: { type: 'back' }, result: { ok: true }, actionMs: 5, settleMs: 10 });
    expect(calls.syncs).toBe(2);
    await w.close();
  });

  it('rejects invalid events without writing them', async () => {
    const w = await TraceWriter.open(dir);
    await expect(w.append({ type: 'step_started', step: 0, screenshot: 'x', screen: { width: 1, height: 1 }, currentApp: '' })).rejects.toThrow();
    await w.append(taskEvent);
    await w.close();
    expect((await readTrace(dir)).events).toHaveLength(1);
  });

  it('never writes secrets: settings keys and known secret values are refused', async () => {
    const w = await TraceWriter.open(dir, { secrets: ['sk-very-secret'] });
    await expect(w.append({ ...taskEvent, settings: { apiKey: 'x' } } as TraceEventInput)).rejects.toThrow();
    await expect(w.append({ ...taskEvent, task: 'use sk-very-secret please' } as TraceEventInput)).rejects.toThrow(/secret/);
    await w.close();
    expect(await readFile(join(dir, 'trace.jsonl'), 'utf8')).toBe('');
  });

  it('turns ENOSPC into a disk_full TraceWriteError, refuses later writes, keeps earlier lines readable', async () => {
    const w = await TraceWriter.open(dir, { fs: failingFs('ENOSPC', 2) });
    await w.append(taskEvent);
    await w.append({ type: 'step_started', step: 1, screenshot: 'step-0001.jpg', screen: { width: 1080, height: 2400 }, currentApp: 'x' });
    const err = await w.append({ type: 'model_reply', step: 1, attempt: 1, raw: 'a'.repeat(200), ttftMs: 1, totalMs: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TraceWriteError);
    expect((err as TraceWriteError).code).toBe('disk_full');
    expect((err as TraceWriteError).message).toMatch(/disk is full/);
    expect(w.error).toBe(err);
    await expect(w.append({ type: 'finish', status: 'failed', message: 'x', steps: 1, durationMs: 1 })).rejects.toBe(err);
    await expect(w.saveScreenshot(2, new Uint8Array([1]), 'image/png')).rejects.toBe(err);
    await w.close();
    const t = await readTrace(dir);
    expect(t.events.map((e) => e.type)).toEqual(['task', 'step_started']);
    expect(t.truncatedTail).toBe(true);
    expect(t.status).toBe('interrupted');
  });

  it('maps EIO to an io error', async () => {
    const w = await TraceWriter.open(dir, { fs: failingFs('EIO', 0) });
    const err = await w.append(taskEvent).catch((e: unknown) => e);
    expect((err as TraceWriteError).code).toBe('io');
    expect((err as TraceWriteError).fsCode).toBe('EIO');
    await w.close();
  });

  it('fails to open with a typed error when the directory cannot be created', async () => {
    await writeFile(join(dir, 'file'), 'x');
    await expect(TraceWriter.open(join(dir, 'file', 'sub'))).rejects.toBeInstanceOf(TraceWriteError);
  });

  it('serialises concurrent appends in call order', async () => {
    const w = await TraceWriter.open(dir);
    await Promise.all([w.append(taskEvent), ...[1, 2, 3, 4, 5].map((i) => w.append({ type: 'user_input', step: 0, kind: 'instruction', text: `n${i}` }))]);
    await w.close();
    const t = await readTrace(dir);
    expect(t.events.map((e) => (e.type === 'user_input' ? e.text : e.type))).toEqual(['task', 'n1', 'n2', 'n3', 'n4', 'n5']);
  });
});

describe('readTrace', () => {
  it('reads a crash-truncated last line as interrupted', async () => {
    const w = await TraceWriter.open(dir);
    await w.append(taskEvent);
    await w.append({ type: 'step_started', step: 1, screenshot: 'step-0001.jpg', screen: { width: 1080, height: 2400 }, currentApp: 'x' });
    await w.close();
    await appendFile(join(dir, 'trace.jsonl'), '{"seq":2,"t":1,"type":"model_re');
    const t = await readTrace(dir);
    expect(t.events).toHaveLength(2);
    expect(t.truncatedTail).toBe(true);
    expect(t.status).toBe('interrupted');
    expect(t.task?.task).toBe('Turn on Wi-Fi');
  });

  it('skips invalid middle lines and reports them', () => {
    const ok = JSON.stringify({ seq: 0, t: 1, type: 'finish', status: 'stopped', message: 'bye', steps: 0, durationMs: 1 });
    const t = parseTraceText(`not json\n${ok}\n`);
    expect(t.invalidLines).toEqual([1]);
    expect(t.status).toBe('stopped');
    expect(t.truncatedTail).toBe(false);
  });

  it('refuses traces from a newer format version', () => {
    const line = JSON.stringify({ ...taskEvent, seq: 0, t: 1, schemaVersion: TRACE_SCHEMA_VERSION + 1 });
    expect(() => parseTraceText(`${line}\n`)).toThrow(/newer/);
  });

  it('reports a missing trace as not_found', async () => {
    await expect(readTrace(join(dir, 'nope'))).rejects.toMatchObject({ code: 'not_found' });
  });
});
