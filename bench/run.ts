// `npm run bench`: every benchmark in one process, one after the other (this machine is shared
// and noisy: compare ratios measured in the same run). Figures go to stdout and to
// bench/results/bench-<time>.json (and bench/results/latest.json).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { runBridgeBench } from './bridge';
import { runTracesBench } from './traces';

const benches: Record<string, () => Promise<Record<string, unknown>>> = {
  bridge: runBridgeBench,
  traces: runTracesBench,
  mirror: async () => (await import('./mirror')).runMirrorBench(),
  replay: async () => (await import('./replay')).runReplayBench(),
  agent: async () => (await import('./agent')).runAgentBench(),
  voice: async () => (await import('./voice')).runVoiceBench(),
  grounding: async () => (await import('./grounding')).runGroundingBench(),
};

const only = process.argv.slice(2);
const results: Record<string, unknown> = {
  at: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
};
let failed = false;
for (const [name, run] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  process.stdout.write(`\n== ${name}\n`);
  try {
    results[name] = await run();
  } catch (error) {
    failed = true;
    results[name] = { error: (error as Error).message };
    process.stderr.write(`bench ${name} failed: ${(error as Error).stack}\n`);
  }
}
const dir = join(process.cwd(), 'bench', 'results');
await mkdir(dir, { recursive: true });
const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
const json = `${JSON.stringify(results, null, 2)}\n`;
await writeFile(file, json);
await writeFile(join(dir, 'latest.json'), json);
process.stdout.write(`\nwrote ${file}\n`);
process.exit(failed ? 1 : 0);
