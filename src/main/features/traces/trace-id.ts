// Trace ids are directory names under the traces dir. Every id that comes from outside (CLI
// argument, IPC payload, an imported manifest) is checked here before it touches a path, so
// `traces rm ../../something` cannot escape the traces dir.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';

export const TRACE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** File names inside a trace directory (screenshots, trace.jsonl): flat, no separators. */
export const TRACE_FILE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isTraceId(id: string): boolean {
  return TRACE_ID_PATTERN.test(id) && !id.includes('..');
}

export function assertTraceId(id: string): void {
  if (!isTraceId(id)) {
    throw new AppError('validation', `"${id}" is not a trace id (letters, digits, dot, dash and underscore only). Run "phonepilot traces list" to see the ids.`);
  }
}

export function assertTraceFileName(name: string): void {
  if (!TRACE_FILE_PATTERN.test(name) || name.includes('..')) {
    throw new AppError('validation', `"${name}" is not a trace file name.`);
  }
}

export function traceDirOf(tracesDir: string, id: string): string {
  assertTraceId(id);
  return join(tracesDir, id);
}

/**
 * A new id: sortable by time, readable, and unique enough to never collide on one machine
 * (`20250131-142501-3fa9c2`). The agent run should name its trace directory with it.
 */
export function newTraceId(now: number = Date.now()): string {
  const iso = new Date(now).toISOString(); // 2025-01-31T14:25:01.123Z
  const stamp = `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
