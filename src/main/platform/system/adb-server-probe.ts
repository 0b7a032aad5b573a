import { connect } from 'node:net';

/**
 * Asks an adb server for its version with the host protocol (`000chost:version`), which is
 * what proves it is an adb server and not just an open port.
 */
export function probeAdbServer(host: string, port: number, timeoutMs = 2000): Promise<{ version: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let received = Buffer.alloc(0);
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`)));
    socket.on('error', fail);
    socket.on('connect', () => socket.write('000chost:version'));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      const status = received.subarray(0, 4).toString('latin1');
      if (status !== 'OKAY') return fail(new Error(`unexpected answer "${status}" from ${host}:${port}`));
      if (received.length < 12) return;
      const length = parseInt(received.subarray(4, 8).toString('latin1'), 16);
      socket.end();
      resolve({ version: parseInt(received.subarray(8, 8 + length).toString('latin1'), 16) });
    });
  });
}
