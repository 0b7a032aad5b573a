// The phone's log buffers, as logd keeps them: what apps, the system and the scrcpy server
// log, read back by `logcat` (dump, filters, formats, follow).

export type LogLevel = 'V' | 'D' | 'I' | 'W' | 'E' | 'F';
export type LogBuffer = 'main' | 'system' | 'crash' | 'events';

export interface LogEntry {
  /** Milliseconds since the epoch. */
  at: number;
  pid: number;
  tid: number;
  level: LogLevel;
  tag: string;
  message: string;
  buffer: LogBuffer;
}

/** logd's default buffer keeps a few hundred KiB; by entry count here. */
const MAX_ENTRIES = 5000;

export class Logcat {
  private readonly items: LogEntry[] = [];
  private readonly listeners = new Set<(e: LogEntry) => void>();

  constructor() {
    const boot = Date.now() - 60_000;
    const seed: Array<[number, LogLevel, string, string, LogBuffer]> = [
      [1, 'I', 'init', 'starting service \'zygote\'...', 'main'],
      [1120, 'I', 'SystemServer', 'Entered the Android system server!', 'system'],
      [1120, 'I', 'ActivityManager', 'System now ready', 'system'],
      [1120, 'I', 'ActivityTaskManager', 'Displayed com.google.android.apps.nexuslauncher/.NexusLauncherActivity: +1s210ms', 'system'],
      [1120, 'I', 'BootReceiver', 'Copying audit failures to DropBox', 'system'],
    ];
    seed.forEach(([pid, level, tag, message, buffer], k) => this.items.push({ at: boot + k * 150, pid, tid: pid, level, tag, message, buffer }));
  }

  add(entry: Omit<LogEntry, 'at' | 'tid' | 'buffer'> & { tid?: number; buffer?: LogBuffer }): void {
    const full: LogEntry = { at: Date.now(), tid: entry.tid ?? entry.pid, buffer: entry.buffer ?? 'main', ...entry } as LogEntry;
    this.items.push(full);
    if (this.items.length > MAX_ENTRIES) this.items.splice(0, this.items.length - MAX_ENTRIES);
    for (const l of [...this.listeners]) l(full);
  }

  entries(): LogEntry[] {
    return [...this.items];
  }

  clear(buffers?: Set<LogBuffer>): void {
    if (!buffers) { this.items.length = 0; return; }
    for (let i = this.items.length - 1; i >= 0; i--) if (buffers.has(this.items[i].buffer)) this.items.splice(i, 1);
  }

  /** New entries as they are logged; returns the unsubscribe function. */
  follow(listener: (e: LogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }
}
