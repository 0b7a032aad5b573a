// Which traces a retention policy removes. Pure, so the rule is tested on its own and the UI
// can preview "this will delete N traces" with the same function the store applies.
import { compareNewestFirst } from './query';
import type { RetentionPolicy, TraceSummary } from './summary';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Traces to delete: those beyond the newest `keepLast`, and those started more than `keepDays`
 * ago. A running task is never selected (its writer still holds the directory).
 */
export function selectExpired(all: readonly TraceSummary[], policy: RetentionPolicy, now: number): TraceSummary[] {
  const { keepLast, keepDays } = policy;
  if (keepLast !== undefined && (!Number.isInteger(keepLast) || keepLast < 0)) throw new RangeError('keepLast must be a whole number >= 0');
  if (keepDays !== undefined && (!(keepDays >= 0) || !Number.isFinite(keepDays))) throw new RangeError('keepDays must be a number >= 0');
  const sorted = all.filter((s) => s.status !== 'running').sort(compareNewestFirst);
  const cutoff = keepDays === undefined ? -Infinity : now - keepDays * DAY_MS;
  return sorted.filter((s, index) => (keepLast !== undefined && index >= keepLast) || s.startedAt < cutoff);
}
