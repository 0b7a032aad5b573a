// A real adb server on a private, free port for integration tests (never 5037). Calls are
// async execFile: tests host the simulated phone in-process, and a sync call would deadlock.
import { execFile } from 'node:child_process';
import { freeLoopbackPort } from '../../src/main/platform/system/free-port';

export interface AdbResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface AdbServerHandle {
  port: number;
  /** Runs `adb -P PORT ...args`; never throws for a non-zero exit (check `code`). `input` is written to adb's stdin, then closed. */
  adb(args: string[], options?: { timeoutMs?: number; encoding?: 'utf8'; input?: string | Buffer }): Promise<AdbResult>;
  /** Same, with stdout as raw bytes (exec-out screencap, pulls to stdout). */
  adbBuffer(args: string[], options?: { timeoutMs?: number }): Promise<{ stdout: Buffer; stderr: string; code: number }>;
  stop(): Promise<void>;
}

/** A loopback port free right now (the product's own helper under the tests' name). */
export const freePort = freeLoopbackPort;

function run(port: number, args: string[], timeoutMs: number, raw: boolean, input?: string | Buffer): Promise<{ stdout: Buffer | string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    const child = execFile('adb', ['-P', String(port), ...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: raw ? 'buffer' : 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof (error as { code?: unknown }).code !== 'number') return reject(error);
      resolve({ stdout, stderr: String(stderr), code: error ? Number((error as { code?: number }).code) : 0 });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export async function startAdbServer(): Promise<AdbServerHandle> {
  const port = await freePort();
  const started = await run(port, ['start-server'], 30_000, false);
  if (started.code !== 0) throw new Error(`adb start-server on port ${port} failed: ${started.stderr}`);
  return {
    port,
    adb: async (args, options) => {
      const r = await run(port, args, options?.timeoutMs ?? 30_000, false, options?.input);
      return { stdout: String(r.stdout), stderr: r.stderr, code: r.code };
    },
    adbBuffer: async (args, options) => {
      const r = await run(port, args, options?.timeoutMs ?? 30_000, true);
      return { stdout: r.stdout as Buffer, stderr: r.stderr, code: r.code };
    },
    stop: async () => {
      await run(port, ['kill-server'], 15_000, false).catch(() => undefined);
    },
  };
}
