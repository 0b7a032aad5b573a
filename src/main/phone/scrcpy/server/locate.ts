// Finds a scrcpy server file and its version. Where to look is shared with the doctor
// (scrcpy-server-locations); the version comes from settings, a sibling version file, the
// pinned digest, or the installed scrcpy client (`scrcpy --version`), whose server it shipped.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { findScrcpyServer } from './server-locations';
import { findOnPath } from '../../../platform/system/find-executable';
import { runTool } from '../../../platform/system/run-tool';
import { PINNED_SCRCPY_SERVER } from './pinned';

export interface LocatedScrcpyServer {
  path: string;
  source: string;
  /** Unknown when nothing tells it: the user must set it in Settings (the server checks it). */
  version?: string;
}

export interface LocateOptions {
  settingsPath: string;
  settingsVersion: string;
  appScrcpyDir: string;
  env: NodeJS.ProcessEnv;
}

export async function sha256File(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

/** `scrcpy --version` prints "scrcpy 3.3.4 <https://github.com/Genymobile/scrcpy>". */
export function parseScrcpyVersion(output: string): string | undefined {
  return /^scrcpy\s+v?(\d+\.\d+(?:\.\d+)?)/m.exec(output)?.[1];
}

async function clientVersion(serverPath: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  // The client installed in the same prefix (PREFIX/share/scrcpy -> PREFIX/bin/scrcpy), else PATH.
  const candidates = [join(dirname(dirname(dirname(serverPath))), 'bin', 'scrcpy'), await findOnPath('scrcpy', env)];
  for (const exe of candidates) {
    if (!exe) continue;
    const result = await runTool(exe, ['--version'], { timeoutMs: 5000, env }).catch(() => undefined);
    const version = result && parseScrcpyVersion(result.stdout + result.stderr);
    if (version) return version;
  }
  return undefined;
}

/** The server file to use and the version it expects; undefined when no file is found. */
export async function locateScrcpyServer(options: LocateOptions): Promise<LocatedScrcpyServer | undefined> {
  const found = await findScrcpyServer(options);
  if (!found) return undefined;
  if (found.version) return { path: found.path, source: found.source, version: found.version };
  if ((await sha256File(found.path).catch(() => '')) === PINNED_SCRCPY_SERVER.sha256) {
    return { path: found.path, source: found.source, version: PINNED_SCRCPY_SERVER.version };
  }
  return { path: found.path, source: found.source, version: await clientVersion(found.path, options.env) };
}
