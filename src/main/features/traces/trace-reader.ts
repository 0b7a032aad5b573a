// Reads a task's trace back for the timeline, replay and export. Tolerant by design: the last
// line may be torn by a crash, and a trace with no finish event is a task that never ended
// cleanly, reported as "interrupted" rather than an error.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import {
  TRACE_FILE_NAME, TRACE_SCHEMA_VERSION, TraceEventSchema, type FinishStatus, type TraceEvent,
} from '../../../shared/agent/trace';

type TaskEvent = Extract<TraceEvent, { type: 'task' }>;
type FinishEvent = Extract<TraceEvent, { type: 'finish' }>;

export interface ReadTraceResult {
  dir: string;
  events: TraceEvent[];
  task?: TaskEvent;
  finish?: FinishEvent;
  /** The finish event's status, or 'interrupted' when the trace has none. */
  status: FinishStatus;
  /** True when the last line was incomplete (crash while writing) and was skipped. */
  truncatedTail: boolean;
  /** 1-based numbers of other lines that were not valid events (skipped). */
  invalidLines: number[];
  /** Highest step number seen. */
  steps: number;
}

export async function readTrace(dir: string): Promise<ReadTraceResult> {
  let text: string;
  try {
    text = await fs.readFile(join(dir, TRACE_FILE_NAME), 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw new AppError('not_found', `No trace in ${dir}.`, { cause: err });
    throw new AppError('io', `Cannot read the trace in ${dir}: ${(err as Error).message}`, { cause: err });
  }
  return parseTraceText(text, dir);
}

export function parseTraceText(text: string, dir = ''): ReadTraceResult {
  const lines = text.split('\n');
  // A well-formed file ends with "\n": the final element is ''. Anything else there is a torn line.
  const tail = lines.pop() ?? '';
  const events: TraceEvent[] = [];
  const invalidLines: number[] = [];
  let truncatedTail = false;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const event = parseLine(line);
    if (event) events.push(event); else invalidLines.push(i + 1);
  });
  if (tail.trim() !== '') {
    const event = parseLine(tail);
    if (event) events.push(event); else truncatedTail = true;
  }
  const task = events.find((e): e is TaskEvent => e.type === 'task');
  if (task && task.schemaVersion > TRACE_SCHEMA_VERSION) {
    throw new AppError('validation', `This trace was written by a newer PhonePilot (format ${task.schemaVersion}).`);
  }
  const finish = [...events].reverse().find((e): e is FinishEvent => e.type === 'finish');
  const steps = events.reduce((max, e) => ('step' in e && typeof e.step === 'number' ? Math.max(max, e.step) : max), 0);
  return { dir, events, task, finish, status: finish?.status ?? 'interrupted', truncatedTail, invalidLines, steps };
}

function parseLine(line: string): TraceEvent | undefined {
  try {
    const result = TraceEventSchema.safeParse(JSON.parse(line));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
