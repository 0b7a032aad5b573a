// A model reply the adapters could not turn into an action. It always carries the raw text so
// the loop can show it to the model in its corrective retry and keep it in the trace.
export class ParseError extends Error {
  readonly code = 'parse_error' as const;
  readonly raw: string;
  /** What exactly was wrong, phrased so it can be fed back to the model. */
  readonly reason: string;

  constructor(reason: string, raw: string) {
    super(`Could not parse the model reply: ${reason}`);
    this.name = 'ParseError';
    this.reason = reason;
    this.raw = raw;
  }
}
