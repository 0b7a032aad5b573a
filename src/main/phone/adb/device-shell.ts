// Running commands on one phone through adbkit: `shell:` for text output, `exec:` for binary
// output (exec-out: no pty, no CRLF mangling of PNG bytes). Commands are argv arrays quoted by
// shellCommand(); failures become device errors (device_gone when the phone went away).
import type { Duplex } from 'node:stream';
import { AppError } from '../../../shared/errors';
import type { AdbClient } from './adbkit';
import { toDeviceError } from './device-errors';
import { shellCommand } from './shell-quote';

export interface ShellRunOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Refuse more output than this (default 64 MiB: a raw 4K screencap fits). */
  maxBytes?: number;
  /** Variables set for the command (`CLASSPATH=... app_process`); plain paths and words only. */
  env?: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Collects a stream to a Buffer, refusing more than maxBytes (a runaway command). */
function readAll(stream: Duplex, maxBytes = 16 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stream.destroy();
        reject(new Error(`shell output exceeded ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

export class DeviceShell {
  constructor(readonly client: AdbClient, readonly serial: string) {}

  /** `adb shell ARGV...`, output as text (stdout and stderr mixed, as plain shell: gives them). */
  async run(argv: readonly string[], options: ShellRunOptions = {}): Promise<string> {
    return (await this.collect(`shell:${envPrefix(options.env)}${shellCommand(argv)}`, argv, options)).toString('utf8');
  }

  /** `adb exec-out ARGV...`, output as bytes. */
  execOut(argv: readonly string[], options: ShellRunOptions = {}): Promise<Buffer> {
    return this.collect(`exec:${envPrefix(options.env)}${shellCommand(argv)}`, argv, options);
  }

  private async collect(service: string, argv: readonly string[], options: ShellRunOptions): Promise<Buffer> {
    const what = `running ${argv[0]}`;
    if (options.signal?.aborted) throw options.signal.reason;
    let stream: Duplex;
    try {
      // openLocal sends any service that contains ':' verbatim: the way to reach shell:/exec:
      // with our own quoting instead of adbkit's.
      stream = (await this.client.getDevice(this.serial).openLocal(service)) as Duplex;
    } catch (error) {
      throw toDeviceError(error, this.serial, what);
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => stream.destroy();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await Promise.race([
        readAll(stream, options.maxBytes ?? 64 * 1024 * 1024),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            stream.destroy();
            reject(new AppError('timeout', `"${argv[0]}" on ${this.serial} gave no answer within ${timeoutMs} ms.`, { retryable: true }));
          }, timeoutMs);
        }),
      ]);
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw toDeviceError(error, this.serial, what);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** A quoted word is not an assignment to sh, so these stay unquoted: only safe characters allowed. */
function envPrefix(env: Record<string, string> | undefined): string {
  if (!env) return '';
  return Object.entries(env).map(([k, v]) => {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(k) || !/^[\w./:@+-]*$/.test(v)) throw new RangeError(`unsafe environment assignment ${k}`);
    return `${k}=${v} `;
  }).join('');
}
