// What `phonepilot run` prints while the agent works: one line per thing that happened
// (step, thought, action, timings), or with --json each trace event as one JSON object per
// line. Trace events never contain the API key, so printing them is safe.
import type { Writable } from 'node:stream';
import { describeAction } from '../../shared/agent/actions';
import type { AgentRunEvent } from '../../shared/agent/events';

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function printRunEvent(out: Writable, event: AgentRunEvent, json: boolean): void {
  if (event.kind !== 'trace') return;
  const e = event.event;
  if (json) {
    out.write(`${JSON.stringify(e)}\n`);
    return;
  }
  switch (e.type) {
    case 'task': out.write(`Task: ${e.task}\nPhone: ${e.device.model} (${e.device.serial}) ${e.device.width}x${e.device.height} · model ${e.endpoint.model} (${e.endpoint.protocol})\n`); return;
    case 'step_started': out.write(`\nStep ${e.step}${e.currentApp ? ` · ${e.currentApp}` : ''}\n`); return;
    case 'model_reply': out.write(`  model: ${secs(e.totalMs)}${e.ttftMs !== null ? ` (first token ${secs(e.ttftMs)})` : ''}\n`); return;
    case 'action_parsed':
      if (e.thought.trim()) out.write(`  thought: ${e.thought.trim().replace(/\s+/g, ' ')}\n`);
      out.write(`  action: ${describeAction(e.action)}\n`);
      return;
    case 'action_executed':
      out.write(e.result.ok ? `  done: action ${Math.round(e.actionMs)} ms, settle ${Math.round(e.settleMs)} ms\n` : `  failed: ${e.result.message ?? 'unknown error'}\n`);
      return;
    case 'confirmation': if (e.phase !== 'asked') out.write(`  confirmation ${e.phase}: ${e.reason}\n`); return;
    case 'user_input': out.write(`  user: ${e.kind === 'take_over_done' ? 'done with the manual step' : e.text}\n`); return;
    case 'error': out.write(`  error (${e.code}): ${e.message}\n`); return;
    case 'finish': out.write(`\n${e.status === 'finished' ? 'Finished' : e.status === 'stopped' ? 'Stopped' : 'Failed'}: ${e.message} (${e.steps} steps, ${secs(e.durationMs)})\n`); return;
    default: return;
  }
}
