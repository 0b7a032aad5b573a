// `uiautomator dump` over adb, the way it fails on real phones: it prints "ERROR: could not get
// idle state." while the UI animates, "null root node" between windows, or nothing within
// seconds on a busy phone. Each attempt has a deadline; failed attempts are retried after a short
// pause. The dump goes to /dev/tty (one round trip); phones that cannot write there get a file in
// /data/local/tmp read back with cat.
import { AppError } from '../../../shared/errors';
import type { DeviceShell } from '../adb/device-shell';
import { sleep } from '../../../shared/sleep';

export interface DumpOptions {
  /** Deadline of one attempt (default 10 s; a real dump takes 1-3 s). */
  timeoutMs?: number;
  /** Attempts after the first (default 2). */
  retries?: number;
  /** Pause before a retry (default 300 ms: long enough for an animation frame to pass). */
  retryDelayMs?: number;
  signal?: AbortSignal;
}

export interface DumpResult { xml: string; attempts: number }

const DUMP_FILE = '/data/local/tmp/phonepilot-window.xml';

/** Remembers, per shell, that /dev/tty did not work, so later dumps go straight to the file. */
const ttyRefused = new WeakSet<DeviceShell>();

export async function dumpUiXml(shell: DeviceShell, options: DumpOptions = {}): Promise<DumpResult> {
  const retries = options.retries ?? 2;
  let lastProblem = '';
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    if (attempt > 1) await sleep(options.retryDelayMs ?? 300, options.signal);
    if (options.signal?.aborted) throw options.signal.reason;
    try {
      const xml = await dumpOnce(shell, options);
      if (xml !== undefined) return { xml, attempts: attempt };
      lastProblem = 'the dump was empty';
    } catch (error) {
      if (options.signal?.aborted) throw error;
      // A phone that went away will not come back for a retry.
      if (error instanceof AppError && (error.code === 'device_gone' || error.code === 'device_offline' || error.code === 'device_unauthorized')) throw error;
      lastProblem = error instanceof Error ? error.message : String(error);
    }
  }
  throw new AppError('unavailable', `The phone's accessibility tree could not be read (uiautomator dump, ${retries + 1} attempts): ${lastProblem}`, { retryable: true });
}

/** One dump: the XML, undefined for an empty answer; throws with the phone's own message otherwise. */
async function dumpOnce(shell: DeviceShell, options: DumpOptions): Promise<string | undefined> {
  const run = { timeoutMs: options.timeoutMs ?? 10_000, signal: options.signal };
  if (!ttyRefused.has(shell)) {
    const out = (await shell.execOut(['uiautomator', 'dump', '/dev/tty'], run)).toString('utf8');
    const xml = xmlIn(out);
    if (xml !== undefined) return xml;
    if (!/dumped to/i.test(out)) failWith(out);
    // "dumped to: /dev/tty" and no XML: this phone's shell cannot write to the terminal.
    ttyRefused.add(shell);
  }
  const out = (await shell.execOut(['uiautomator', 'dump', DUMP_FILE], run)).toString('utf8');
  if (!/dumped to/i.test(out)) failWith(out);
  const file = (await shell.execOut(['cat', DUMP_FILE], run)).toString('utf8');
  return xmlIn(file) ?? failWith(file);
}

function xmlIn(out: string): string | undefined {
  const start = out.indexOf('<?xml');
  const from = start >= 0 ? start : out.indexOf('<hierarchy');
  const end = out.lastIndexOf('</hierarchy>');
  return from >= 0 && end > from ? out.slice(from, end + '</hierarchy>'.length) : undefined;
}

function failWith(out: string): never {
  const line = out.trim().split(/\r?\n/).find((l) => l.trim() !== '') ?? 'no output';
  throw new Error(line.slice(0, 200));
}
