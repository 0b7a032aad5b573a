// Replay overhead per step: what a replay adds on top of acting on the phone and waiting for it
// to settle (both needed anyway): reading the recorded screenshot, taking the live screen, and
// comparing the two. The trace is recorded by a real agent run (scripted model) on the
// simulated phone behind real adb; each replay runs on a fresh phone at 'settle' speed, through
// the adb operator and through the mirror operator. The comparison alone is measured on
// full-size 1080x2400 screenshots.
import { basename } from 'node:path';
import { TraceStore } from '../src/main/features/traces/trace-store';
import { loadReplaySource } from '../src/main/features/traces/replay/replay-source';
import { Replayer, type ReplayStepStats } from '../src/main/features/traces/replay/replayer';
import { DEFAULT_THRESHOLD, screenDifference } from '../src/main/features/traces/replay/screen-compare';
import { clickableWith, doReply, runAgent, startRig, startSuite, tapReply } from '../tests/support/agent-rig';
import { renderScreen } from '../tests/fixtures/traces/synthetic-trace';
import { round, summarize } from './stats';

const REPLAYS = 4;

function figures(stats: ReplayStepStats[]): Record<string, unknown> {
  const pick = (f: (s: ReplayStepStats) => number) => {
    const s = summarize(stats.map(f));
    return { median: round(s.median), p95: round(s.p95) };
  };
  return {
    steps: stats.length,
    /** capture + compare: the replay's own cost per step. */
    overheadMs: pick((s) => s.captureMs + s.compareMs),
    captureMs: pick((s) => s.captureMs),
    compareMs: pick((s) => s.compareMs),
    actionMs: pick((s) => s.actionMs),
    settleMs: pick((s) => s.settleMs),
    /** Everything but the settle wait and pacing. */
    stepWithoutSettleMs: pick((s) => s.totalMs - s.settleMs - s.paceMs),
  };
}

export async function runReplayBench(): Promise<Record<string, unknown>> {
  const log = (s: string) => process.stdout.write(`${s}\n`);
  const suite = await startSuite();
  try {
    const recorder = await startRig(suite, { mirror: false });
    let traceId = '';
    try {
      suite.model.script([
        () => doReply('do(action="Launch", app="Settings")', 'Open Settings.'),
        () => tapReply(recorder, clickableWith(recorder, 'Wi-Fi'), 'Tap the Wi-Fi row.'),
        () => doReply('finish(message="Wi-Fi is on")', 'Done.'),
      ]);
      const { outcome, traceDir } = await runAgent(suite, recorder, 'Turn on Wi-Fi');
      if (outcome.status !== 'finished') throw new Error(`recording failed: ${outcome.message}`);
      traceId = basename(traceDir);
    } finally {
      await recorder.close();
    }
    const source = await loadReplaySource(new TraceStore({ dir: suite.dir }), traceId);
    const result: Record<string, unknown> = { traceSteps: source.plan.length };
    for (const mirror of [false, true]) {
      const stats: ReplayStepStats[] = [];
      for (let i = 0; i < REPLAYS; i++) {
        const rig = await startRig(suite, { mirror });
        try {
          const replayer = new Replayer({
            plan: source.plan, operator: rig.operator, readRecorded: source.readRecorded, speed: 'settle', threshold: DEFAULT_THRESHOLD,
            confirm: async () => true,
          });
          const outcome = await replayer.start();
          if (outcome.status !== 'completed') throw new Error(`replay ${i} ended ${outcome.status}: ${outcome.message}`);
          stats.push(...outcome.stats);
        } finally {
          await rig.close();
        }
      }
      const f = figures(stats);
      const name = mirror ? 'mirror' : 'adb';
      result[name] = f;
      const o = f.overheadMs as { median: number; p95: number };
      const w = f.stepWithoutSettleMs as { median: number };
      log(`replay over ${name}: overhead (capture + compare) median ${o.median} ms, p95 ${o.p95} ms per step; step without settle ${w.median} ms; ${stats.length} steps`);
    }

    const a = await renderScreen(1);
    const b = await renderScreen(2);
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      screenDifference(a, b);
      samples.push(performance.now() - t);
    }
    const s = summarize(samples);
    result.compareFullSizeMs = { median: round(s.median), p95: round(s.p95) };
    log(`compare two 1080x2400 JPEG screenshots: median ${round(s.median)} ms, p95 ${round(s.p95)} ms`);
    return result;
  } finally {
    await suite.close();
  }
}
