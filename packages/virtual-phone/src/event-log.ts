// Every shell command and injected event the phone saw, in order: tests and the inspection
// API check what a client actually did, not just the resulting state.

export type EventKind = 'shell' | 'exec' | 'input' | 'control' | 'sync' | 'scrcpy' | 'reverse' | 'connection';

export interface LoggedEvent {
  seq: number;
  /** ms since the epoch. */
  at: number;
  kind: EventKind;
  detail: string;
  data?: Record<string, unknown>;
}

export class EventLog {
  private readonly events: LoggedEvent[] = [];
  private seq = 0;

  constructor(private readonly limit = 5000) {}

  add(kind: EventKind, detail: string, data?: Record<string, unknown>): LoggedEvent {
    const event: LoggedEvent = { seq: ++this.seq, at: Date.now(), kind, detail, ...(data ? { data } : {}) };
    this.events.push(event);
    // Bounded so a long mirroring session cannot grow memory without limit.
    if (this.events.length > this.limit) this.events.splice(0, this.events.length - this.limit);
    return event;
  }

  list(filter?: { kind?: EventKind; sinceSeq?: number }): LoggedEvent[] {
    return this.events.filter((e) => (!filter?.kind || e.kind === filter.kind) && (!filter?.sinceSeq || e.seq > filter.sinceSeq));
  }

  get lastSeq(): number {
    return this.seq;
  }
}
