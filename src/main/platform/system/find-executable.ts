import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Looks `name` up on PATH (with Windows extensions), without spawning a shell. */
export async function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

export interface FoundTool {
  path: string;
  /** How it was found, for the doctor: 'settings', 'PATH', 'ANDROID_HOME'... */
  source: string;
}

/** adb from the settings, PATH, or an SDK's platform-tools, in that order. */
export async function findAdb(explicitPath: string, env: NodeJS.ProcessEnv = process.env): Promise<FoundTool | undefined> {
  if (explicitPath) return (await isExecutable(explicitPath)) ? { path: explicitPath, source: 'settings' } : undefined;
  const onPath = await findOnPath('adb', env);
  if (onPath) return { path: onPath, source: 'PATH' };
  const exe = process.platform === 'win32' ? 'adb.exe' : 'adb';
  for (const variable of ['ANDROID_HOME', 'ANDROID_SDK_ROOT'] as const) {
    const sdk = env[variable];
    if (!sdk) continue;
    const candidate = join(sdk, 'platform-tools', exe);
    if (await isExecutable(candidate)) return { path: candidate, source: variable };
  }
  return undefined;
}

/** The adb server port adb itself would use. */
export function adbServerPort(configured: number, env: NodeJS.ProcessEnv = process.env): number {
  if (configured > 0) return configured;
  const fromEnv = Number(env.ANDROID_ADB_SERVER_PORT);
  return Number.isInteger(fromEnv) && fromEnv > 0 && fromEnv < 65536 ? fromEnv : 5037;
}
