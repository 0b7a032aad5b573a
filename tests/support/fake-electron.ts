import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zipSync } from 'fflate';

// A stand-in for Electron's binary, for the npm start tests on a machine that cannot have the
// real one: a shell script that records how it was launched, carrying a real fuse wire
// (sentinel, version 1, eight fuses all enabled, as a fresh Electron ships) that
// @electron/fuses reads and flips.
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

export type FakeElectronBehaviour = 'run' | 'crash';

export function fakeElectronScript(behaviour: FakeElectronBehaviour): Buffer {
  const body = behaviour === 'run'
    ? [
      'printf "%s\\n" "$@" > "$FAKE_ELECTRON_LOG"',
      'trap \'echo stopped >> "$FAKE_ELECTRON_LOG"; exit 0\' INT TERM',
      'while :; do sleep 0.1; done',
    ]
    : [
      'echo "electron: error while loading shared libraries: libnss3.so: cannot open shared object file: No such file or directory" >&2',
      'exit 127',
    ];
  const wire = Buffer.concat([Buffer.from(`# ${FUSE_SENTINEL}`), Buffer.from([1, 8]), Buffer.from('11111111\n')]);
  return Buffer.concat([Buffer.from('#!/bin/sh\n'), wire, Buffer.from(`${body.join('\n')}\n`)]);
}

/** The fuse states of a fake (or real) binary's first wire: '0' off, '1' on, index = FuseV1Options. */
export function fuseWireOf(binary: Buffer): string {
  const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
  const length = binary[at + 1];
  return binary.subarray(at + 2, at + 2 + length).toString('latin1');
}

/** electron-vX-linux-x64.zip as Electron's release has it: the executable at the top level. */
export function fakeElectronZip(script: Buffer): Uint8Array {
  // Unix mode 0755 regular file in the high 16 bits of the external attributes (os 3 = Unix).
  return zipSync({ electron: [new Uint8Array(script), { os: 3, attrs: (0o100755 << 16) >>> 0 }] });
}

export interface ElectronMirror {
  /** For ELECTRON_MIRROR: ends with a slash, the installer appends vVERSION/FILE. */
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** A local Electron release mirror serving one zip and its SHASUMS256.txt, or 404 for everything. */
export async function serveElectronMirror(zip: Uint8Array | undefined): Promise<ElectronMirror> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const name = path.split('/').pop() ?? '';
    if (!zip) return void res.writeHead(404).end('not found');
    if (name === 'SHASUMS256.txt') {
      const zipName = path.replace(/SHASUMS256\.txt$/, '').split('/').filter(Boolean).pop();
      return void res.writeHead(200).end(`${createHash('sha256').update(zip).digest('hex')} *electron-${zipName}-${process.platform}-${process.arch}.zip\n`);
    }
    if (name.endsWith('.zip')) return void res.writeHead(200, { 'content-type': 'application/zip' }).end(Buffer.from(zip));
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
