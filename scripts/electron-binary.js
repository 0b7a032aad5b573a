// The Electron binary for `npm start`: where it is, fetching it once when it is missing, and
// its fuses. The project's .npmrc skips every dependency's install script, Electron's download
// among them (it fails the whole `npm install` where GitHub is unreachable), so this is the one
// place the binary is fetched. Electron's own installer does the download (its mirror and cache
// settings apply: ELECTRON_MIRROR, electron_config_cache, ...).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** How long a failed download keeps `npm start` from trying again by itself. */
const RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

export function electronDir(root) {
  return join(root, 'node_modules', 'electron');
}

export function electronVersion(root) {
  return JSON.parse(readFileSync(join(electronDir(root), 'package.json'), 'utf8')).version;
}

function platformExecutable() {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (process.platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * `{ binary }` when Electron can be launched, else `{ missing }` saying why. Follows the rules
 * of electron/index.js (path.txt, ELECTRON_OVERRIDE_DIST_PATH) without its throw.
 */
export function installedElectron(root, env = process.env) {
  const dir = electronDir(root);
  if (!existsSync(join(dir, 'package.json'))) return { missing: 'the electron package is not installed (run npm install)' };
  const pathFile = join(dir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  let binary;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) binary = join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || platformExecutable());
  else if (executable) binary = join(dir, 'dist', executable);
  if (!binary || !existsSync(binary)) return { missing: 'its binary is not installed' };
  return { binary };
}

function markerFile(root) {
  return join(root, 'node_modules', '.cache', 'phonepilot', 'electron-download.json');
}

/** The last failed download of this Electron version, when recent enough to not retry. */
export function recentDownloadFailure(root, now = Date.now()) {
  try {
    const marker = JSON.parse(readFileSync(markerFile(root), 'utf8'));
    if (marker.version !== electronVersion(root) || now - marker.failedAt > RETRY_AFTER_MS) return undefined;
    return marker;
  } catch {
    return undefined;
  }
}

function rememberFailure(root, reason) {
  try {
    mkdirSync(join(root, 'node_modules', '.cache', 'phonepilot'), { recursive: true });
    writeFileSync(markerFile(root), `${JSON.stringify({ version: electronVersion(root), failedAt: Date.now(), reason })}\n`);
  } catch {
    // Only a cache: without it the next start tries again.
  }
}

function forgetFailure(root) {
  try {
    writeFileSync(markerFile(root), '{}\n');
  } catch {
    // nothing to forget
  }
}

/** Electron's installer prints a stack trace; its first error line is the reason. */
export function condenseInstallerOutput(output) {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const error = lines.find((line) => /^(\w*Error|HTTPError|RequestError)\b/.test(line)) ?? lines.find((line) => !line.startsWith('at ')) ?? 'no output';
  return error.replace(/^(TypeError|Error): /, '').slice(0, 200);
}

/**
 * Runs Electron's installer (download, checksum, unzip into node_modules/electron/dist).
 * Resolves `{ ok: true }` or `{ ok: false, reason }`; never throws.
 */
export function downloadElectron(root, env = process.env) {
  const dir = electronDir(root);
  return new Promise((resolve) => {
    // Electron's installer exits at once when this is set, whoever set it.
    const childEnv = { ...env };
    delete childEnv.ELECTRON_SKIP_BINARY_DOWNLOAD;
    const child = spawn(process.execPath, [join(dir, 'install.js')], { cwd: dir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('error', (error) => resolve({ ok: false, reason: error.message }));
    child.on('close', (code) => {
      if (code === 0 && installedElectron(root, env).binary) {
        forgetFailure(root);
        resolve({ ok: true });
      } else {
        const reason = code === 0 ? 'the installer finished but no binary is there' : condenseInstallerOutput(output);
        rememberFailure(root, reason);
        resolve({ ok: false, reason });
      }
    });
  });
}

/**
 * Electron fuses: switches compiled into the binary that no environment variable or flag can
 * turn back. RunAsNode off (ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node
 * interpreter; the speech worker runs as a utilityProcess), NODE_OPTIONS ignored, cookies
 * encrypted, no extra file:// privileges (the app uses app://). --inspect stays possible in a
 * checkout because Playwright's Electron launcher (npm run test:electron) and debugging need
 * it; a packaged release passes `{ inspect: false }`.
 */
export function fuseConfig(fuses, { inspect }) {
  const { FuseV1Options, FuseVersion } = fuses;
  return {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: process.platform === 'darwin' && process.arch === 'arm64',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: inspect,
  };
}

/** Flips the fuses of `binary` to fuseConfig() unless they are already so. */
export async function applyFuses(binary, root, { inspect = true } = {}) {
  const fuses = createRequire(join(root, 'package.json'))('@electron/fuses');
  const wanted = fuseConfig(fuses, { inspect });
  const current = await fuses.getCurrentFuseWire(binary);
  const enabled = 0x31; // '1' on the wire ('0' off, 'r' removed)
  const same = Object.values(fuses.FuseV1Options)
    .filter((option) => typeof option === 'number' && option in wanted)
    .every((option) => (current[option] === enabled) === wanted[option]);
  if (same) return 'unchanged';
  await fuses.flipFuses(binary, wanted);
  return 'flipped';
}
