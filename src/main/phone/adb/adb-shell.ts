import type { Duplex } from 'node:stream';
import type { AdbClient } from './adbkit';

/** Collects a stream to a Buffer, refusing more than maxBytes (a runaway command). */
export function readAll(stream: Duplex, maxBytes = 16 * 1024 * 1024): Promise<Buffer> {
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

/**
 * Runs a shell command on a device and returns its output (stdout and stderr mixed, as plain
 * `shell:` gives them). Pass an argument array: adbkit single-quotes each argument, so user
 * text never reaches the device shell unquoted.
 */
export async function adbShell(
  client: AdbClient,
  serial: string,
  command: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const stream = (await client.getDevice(serial).shell([...command])) as Duplex;
  let timer: NodeJS.Timeout | undefined;
  try {
    return (await Promise.race([
      readAll(stream),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          stream.destroy();
          reject(new Error(`"${command.join(' ')}" on ${serial} gave no complete answer within ${timeoutMs} ms`));
        }, timeoutMs);
      }),
    ])).toString('utf8');
  } finally {
    clearTimeout(timer);
  }
}
