// Trace history and export speed: listing 1,000 traces (target < 200 ms, from summaries) and
// exporting a 100-step trace with full-size screenshots to HTML (targets < 1 s, < 15 MB).
// Traces are written by the agent's real TraceWriter in a temp dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearExportImageCache } from '../src/main/features/traces/export-image-cache';
import type { HtmlExportOptions } from '../src/main/features/traces/html-export';
import { TraceStore } from '../src/main/features/traces/trace-store';
import { renderScreen, writeSyntheticTrace } from '../tests/fixtures/traces/synthetic-trace';
import { round, summarize } from './stats';

const TRACES = 1000;
const EXPORT_STEPS = 100;

export async function runTracesBench(): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(join(tmpdir(), 'phonepilot-bench-traces-'));
  const log = (s: string) => process.stdout.write(`${s}\n`);
  try {
    const store = new TraceStore({ dir });
    const shot = await renderScreen(1, { width: 270, height: 600 });
    let t = performance.now();
    for (let i = 0; i < TRACES; i++) {
      await writeSyntheticTrace({ dir: join(dir, `t${String(i).padStart(4, '0')}`), steps: 5, screen: { width: 270, height: 600 }, screenshot: shot, startedAt: Date.UTC(2025, 0, 1) + i * 60_000, task: `Task number ${i}` });
    }
    log(`generated ${TRACES} traces in ${round(performance.now() - t, 0)} ms`);

    t = performance.now();
    const cold = await store.list(); // first listing builds and writes every summary.json
    const rebuildMs = performance.now() - t;
    const samples: number[] = [];
    for (let i = 0; i < 7; i++) {
      t = performance.now();
      const list = await store.list({ search: 'task number 9', limit: 50 });
      samples.push(performance.now() - t);
      if (list.total !== TRACES) throw new Error(`listed ${list.total} traces`);
    }
    const listing = summarize(samples);
    log(`list ${TRACES} traces: median ${round(listing.median)} ms, p95 ${round(listing.p95)} ms (target < 200 ms); first listing rebuilding every summary: ${round(rebuildMs, 0)} ms; total ${cold.total}`);

    const full = { width: 1080, height: 2400 };
    await writeSyntheticTrace({ dir: join(dir, 'big'), steps: EXPORT_STEPS, screen: full, task: 'A long task' });
    // Cold: nothing cached in this process, every screenshot decoded, downscaled and encoded
    // (the worker pool is started and stopped by each export). Cached: the same trace again.
    const exportOnce = async (name: string, options: HtmlExportOptions = {}) => {
      const start = performance.now();
      const cpu = process.cpuUsage(); // every thread of the process, workers included
      const r = await store.exportHtml('big', join(dir, name), options);
      const used = process.cpuUsage(cpu);
      return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, bytes: r.bytes };
    };
    const coldSamples: number[] = [];
    const coldCpu: number[] = [];
    const cachedSamples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      clearExportImageCache();
      const r = await exportOnce(`big-cold-${i}.html`);
      coldSamples.push(r.ms);
      coldCpu.push(r.cpuMs);
      bytes = r.bytes;
    }
    for (let i = 0; i < 3; i++) cachedSamples.push((await exportOnce(`big-cached-${i}.html`)).ms);
    // Reference, under the same load: every image on the main thread (the path before the pool).
    const singleSamples: number[] = [];
    for (let i = 0; i < 3; i++) singleSamples.push((await exportOnce(`big-single-${i}.html`, { imageWorkers: 0, imageCache: false })).ms);
    const exporting = summarize(coldSamples);
    const exportingCached = summarize(cachedSamples);
    const exportingSingle = summarize(singleSamples);
    log(`export ${EXPORT_STEPS}-step trace (1080x2400 JPEG screenshots) to HTML: cold median ${round(exporting.median, 0)} ms (target < 1000 ms; CPU ${round(summarize(coldCpu).median, 0)} ms), cached median ${round(exportingCached.median, 0)} ms, ${round(bytes / 1024 / 1024)} MB (target < 15 MB); main thread only: median ${round(exportingSingle.median, 0)} ms`);

    t = performance.now();
    const bundle = await store.exportBundle('big', join(dir, 'big.zip'));
    const bundleMs = performance.now() - t;
    t = performance.now();
    await store.importBundle(join(dir, 'big.zip'));
    const importMs = performance.now() - t;
    log(`bundle ${EXPORT_STEPS} steps: export ${round(bundleMs, 0)} ms (${round(bundle.zip.length / 1024 / 1024)} MB), validated import ${round(importMs, 0)} ms`);

    return {
      listTraces: TRACES, listMs: listing, listFirstRebuildMs: round(rebuildMs, 1),
      exportSteps: EXPORT_STEPS, exportHtmlMs: exporting, exportHtmlCachedMs: exportingCached, exportHtmlSingleThreadMs: exportingSingle, exportHtmlColdCpuMs: summarize(coldCpu), exportHtmlBytes: bytes,
      bundleExportMs: round(bundleMs, 1), bundleBytes: bundle.zip.length, bundleImportMs: round(importMs, 1),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runTracesBench();
