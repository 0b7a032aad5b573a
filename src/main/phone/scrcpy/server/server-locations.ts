import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface FoundScrcpyServer {
  path: string;
  source: string;
  version?: string;
}

const PREFIXES = ['/usr/local', '/usr', '/opt/homebrew', '/home/linuxbrew/.linuxbrew', '/snap/scrcpy/current/usr'];

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

/** A version file beside the server (our downloads write one), else unknown. */
async function siblingVersion(file: string): Promise<string | undefined> {
  const text = await readFile(join(dirname(file), 'scrcpy-server.version'), 'utf8').catch(() => undefined);
  return text?.trim() || undefined;
}

/** Where an installed scrcpy keeps its server, in the order scrcpy itself would prefer. */
export async function findScrcpyServer(options: { settingsPath: string; settingsVersion: string; appScrcpyDir: string; env: NodeJS.ProcessEnv }): Promise<FoundScrcpyServer | undefined> {
  const candidates: Array<{ path: string; source: string; version?: string }> = [];
  if (options.settingsPath) candidates.push({ path: options.settingsPath, source: 'settings', version: options.settingsVersion || undefined });
  if (options.env.SCRCPY_SERVER_PATH) candidates.push({ path: options.env.SCRCPY_SERVER_PATH, source: '$SCRCPY_SERVER_PATH' });
  candidates.push({ path: join(options.appScrcpyDir, 'scrcpy-server'), source: 'PhonePilot download' });
  for (const prefix of PREFIXES) candidates.push({ path: join(prefix, 'share', 'scrcpy', 'scrcpy-server'), source: `${prefix}/share/scrcpy` });
  for (const candidate of candidates) {
    if (await isFile(candidate.path)) return { ...candidate, version: candidate.version ?? (await siblingVersion(candidate.path)) };
  }
  return undefined;
}
