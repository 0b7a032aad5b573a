// Builds a history summary from a trace's events. Pure, so the store (rebuilding a missing
// summary) and tests compute exactly the same thing.
import type { FinishStatus, TraceEvent } from '../agent/trace';
import { SUMMARY_VERSION, type TraceSummary } from './summary';

/** What trace-reader gives back; only the parts a summary needs. */
export interface ParsedTrace {
  events: TraceEvent[];
  status: FinishStatus;
  truncatedTail: boolean;
  invalidLines: number[];
  steps: number;
}

export interface SummaryFileFacts {
  id: string;
  bytes: number;
  source: { size: number; mtimeMs: number };
}

export const INTERRUPTED_MESSAGE = 'The task did not finish: the app was closed or crashed while it ran.';

export function summarizeTrace(trace: ParsedTrace, facts: SummaryFileFacts): TraceSummary {
  const { events } = trace;
  const task = events.find((e) => e.type === 'task');
  const finish = [...events].reverse().find((e) => e.type === 'finish');
  const errors = events.filter((e) => e.type === 'error');
  const screenshots = new Set(events.flatMap((e) => (e.type === 'step_started' ? [e.screenshot] : [])));
  const first = events[0];
  const last = events.at(-1);
  const startedAt = task?.t ?? first?.t ?? facts.source.mtimeMs;
  const durationMs = finish ? finish.durationMs : first && last ? Math.max(0, last.t - first.t) : 0;

  const problems: string[] = [];
  if (!task) problems.push('The task event is missing: task, device and endpoint are unknown.');
  if (trace.truncatedTail) problems.push('The last line was incomplete (the app stopped while writing it) and was skipped.');
  if (trace.invalidLines.length) problems.push(`${trace.invalidLines.length} invalid line(s) skipped: ${trace.invalidLines.slice(0, 10).join(', ')}.`);

  return {
    summaryVersion: SUMMARY_VERSION,
    id: facts.id,
    taskId: task?.taskId ?? '',
    task: task?.task ?? '',
    device: { serial: task?.device.serial ?? '', model: task?.device.model ?? '' },
    endpoint: { name: task?.endpoint.name ?? '', model: task?.endpoint.model ?? '', protocol: task?.endpoint.protocol ?? '' },
    status: trace.status,
    message: finish ? finish.message : errors.at(-1)?.message ?? INTERRUPTED_MESSAGE,
    steps: finish ? Math.max(finish.steps, trace.steps) : trace.steps,
    startedAt,
    durationMs,
    errors: errors.length,
    screenshots: screenshots.size,
    bytes: facts.bytes,
    problems,
    source: facts.source,
  };
}
