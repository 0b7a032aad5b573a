// Search, filters and ordering of the history list. Pure: the store uses it over summaries, and
// a renderer can use the same function over a list it already holds.
import type { TraceList, TraceListStatus, TraceQuery, TraceSummary } from './summary';

export function matchesQuery(s: TraceSummary, q: TraceQuery): boolean {
  if (q.status !== undefined) {
    const wanted: TraceListStatus[] = Array.isArray(q.status) ? q.status : [q.status];
    if (wanted.length && !wanted.includes(s.status)) return false;
  }
  if (q.device) {
    const d = q.device.toLowerCase();
    if (s.device.serial.toLowerCase() !== d && s.device.model.toLowerCase() !== d) return false;
  }
  if (q.from !== undefined && s.startedAt < q.from) return false;
  if (q.to !== undefined && s.startedAt > q.to) return false;
  const text = q.search?.trim().toLowerCase();
  if (text) {
    const haystack = [s.task, s.message, s.id, s.taskId, s.device.serial, s.device.model, s.endpoint.name, s.endpoint.model]
      .join('\n').toLowerCase();
    if (!haystack.includes(text)) return false;
  }
  return true;
}

/** Newest first; ties broken by id so the order is stable across calls. */
export function compareNewestFirst(a: TraceSummary, b: TraceSummary): number {
  return b.startedAt - a.startedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export function queryTraces(all: readonly TraceSummary[], q: TraceQuery = {}): TraceList {
  const matched = all.filter((s) => matchesQuery(s, q)).sort(compareNewestFirst);
  const offset = Math.max(0, q.offset ?? 0);
  const end = q.limit === undefined ? undefined : offset + Math.max(0, q.limit);
  return {
    items: matched.slice(offset, end),
    matched: matched.length,
    total: all.length,
    totalBytes: all.reduce((sum, s) => sum + s.bytes, 0),
  };
}
