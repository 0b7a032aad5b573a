// Opens the scrcpy sockets through adb (forward mode, adbkit openLocal: no host port to pick or
// clean up). The server may not listen yet when we first try, and a forwarded connection can be
// accepted with nothing behind it: the first socket is only real once its dummy byte arrives.

import type { Duplex } from 'node:stream';
import { sleep } from '../../../shared/sleep';
import type { AdbClient } from '../adb/adbkit';

export interface OpenedSocket {
  socket: Duplex;
  /** Bytes that arrived with the dummy byte (the start of the stream proper). */
  leftover: Buffer;
}

export interface TunnelOptions {
  attempts?: number;
  intervalMs?: number;
  signal?: AbortSignal;
}

/** Resolves with the first chunk, or rejects if the stream ends/fails first. */
function firstChunk(socket: Duplex, signal?: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onData = (chunk: Buffer): void => {
      cleanup();
      socket.pause();
      resolve(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      reject(new Error('closed before the dummy byte'));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onAbort = (): void => {
      cleanup();
      reject(signal?.reason);
    };
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function openLocalAbstract(client: AdbClient, serial: string, name: string): Promise<Duplex> {
  return Promise.resolve(client.getDevice(serial).openLocal(`localabstract:${name}`)) as Promise<Duplex>;
}

/** First socket: retried until the server's dummy byte proves it is listening. */
export async function openFirstSocket(client: AdbClient, serial: string, name: string, options: TunnelOptions = {}): Promise<OpenedSocket> {
  const attempts = options.attempts ?? 100;
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    if (options.signal?.aborted) throw options.signal.reason;
    let socket: Duplex | undefined;
    try {
      socket = await openLocalAbstract(client, serial, name);
      const chunk = await firstChunk(socket, options.signal);
      if (chunk[0] !== 0) throw new Error(`expected the dummy byte 0x00, got 0x${chunk[0].toString(16)}`);
      return { socket, leftover: chunk.subarray(1) };
    } catch (error) {
      lastError = error;
      socket?.destroy();
      if (options.signal?.aborted) throw options.signal.reason;
    }
    await sleep(options.intervalMs ?? 100, options.signal);
  }
  throw new Error(`the scrcpy server did not answer on ${name}: ${(lastError as Error)?.message ?? 'no attempt'}`);
}
