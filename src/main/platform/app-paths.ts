import { homedir } from 'node:os';
import { join } from 'node:path';

export interface AppPaths {
  /** Settings, secrets, scrcpy server, whisper models, traces live below this. */
  dataDir: string;
  settingsFile: string;
  secretsFile: string;
  tracesDir: string;
  modelsDir: string;
  scrcpyDir: string;
  /** Phones' animation scales to put back (see phone/animations/phone-animations.ts). */
  animationLedgerDir: string;
}

/**
 * The same directory Electron's app.getPath('userData') gives for productName "PhonePilot",
 * so the app, the CLI and the bridge share settings and traces. PHONEPILOT_HOME overrides it
 * (tests, portable installs).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.PHONEPILOT_HOME) return env.PHONEPILOT_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'PhonePilot');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'PhonePilot');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'PhonePilot');
}

export function appPaths(dataDir: string): AppPaths {
  return {
    dataDir,
    settingsFile: join(dataDir, 'settings.json'),
    secretsFile: join(dataDir, 'secrets.json'),
    tracesDir: join(dataDir, 'traces'),
    modelsDir: join(dataDir, 'models'),
    scrcpyDir: join(dataDir, 'scrcpy'),
    animationLedgerDir: join(dataDir, 'phone-animations'),
  };
}
