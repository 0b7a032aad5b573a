// `npm start`: the desktop app where Electron can run, otherwise the same app in the browser
// through the web bridge. Builds first when the sources are newer than out/. Runs until the app
// closes or Ctrl+C, and leaves no process of its own behind (the adb server, a shared daemon
// like with any adb client, stays).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyFuses, downloadElectron, electronVersion, installedElectron, recentDownloadFailure } from './electron-binary.js';
import { ensureBuild } from './ensure-build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** An Electron that exits non-zero this soon after launch did not start (missing libraries, no GPU process, ...). */
const EARLY_EXIT_MS = 5000;
const HOW_TO_GET_ELECTRON = 'For the desktop app run `npm run electron:install` where github.com is reachable (or set ELECTRON_MIRROR).';

function hasDisplay(env) {
  if (process.platform !== 'linux' && process.platform !== 'freebsd' && process.platform !== 'openbsd') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Electron's binary, fetched now if missing and allowed; `{ why }` when there is none. */
async function findElectron(env) {
  const installed = installedElectron(root, env);
  if (installed.binary) return installed;
  if (installed.missing.includes('package')) return { why: `Electron is not available (${installed.missing})` };
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { why: 'Electron is not available (its binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set)' };
  const failure = recentDownloadFailure(root);
  if (failure) {
    const minutes = Math.max(1, Math.round((Date.now() - failure.failedAt) / 60000));
    return { why: `Electron is not available (its download failed ${minutes} min ago: ${failure.reason})` };
  }
  process.stderr.write(`Downloading Electron ${electronVersion(root)} for the desktop app (once, about 100 MB)...\n`);
  const download = await downloadElectron(root, env);
  if (!download.ok) return { why: `Electron is not available (its download failed: ${download.reason})` };
  return installedElectron(root, env);
}

/** Forwards Ctrl+C / SIGTERM / SIGHUP to the child and exits with its code once it has gone. */
function superviseChild(child, onExit) {
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, forward);
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, forward);
    onExit(code, signal);
  });
}

/** Resolves 'started' once Electron has run a while, or `{ why }` when it ended at once with an error. */
function runElectron(binary, env) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(binary, [root], { cwd: root, env, stdio: ['inherit', 'inherit', 'pipe'] });
    let lastError = '';
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      const lines = String(chunk).trim().split('\n');
      lastError = lines[lines.length - 1] || lastError;
    });
    child.on('error', (error) => resolve({ why: `Electron could not start (${error.message})` }));
    superviseChild(child, (code, signal) => {
      if (code !== 0 && signal === null && Date.now() - started < EARLY_EXIT_MS) {
        resolve({ why: `Electron could not start (exit code ${code}${lastError ? `: ${lastError.slice(0, 160)}` : ''})` });
      } else {
        process.exit(code ?? 0);
      }
    });
  });
}

function runBrowserFallback(env) {
  const args = [join(root, 'out', 'main', 'bridge.js')];
  if (hasDisplay(env)) args.push('--open');
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  superviseChild(child, (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main() {
  const env = process.env;
  ensureBuild(root);
  let why;
  const electron = await findElectron(env);
  if (electron.binary) {
    if (!hasDisplay(env)) {
      why = 'Electron needs a display and none is set ($DISPLAY / $WAYLAND_DISPLAY)';
    } else {
      await applyFuses(electron.binary, root).catch((error) => {
        process.stderr.write(`Could not set Electron's fuses (${error.message}); starting it as installed.\n`);
      });
      why = (await runElectron(electron.binary, env)).why;
    }
  } else {
    why = electron.why;
  }
  const how = electron.binary ? '' : ` ${HOW_TO_GET_ELECTRON}`;
  process.stderr.write(`${why}; serving PhonePilot in the browser instead.${how}\n`);
  runBrowserFallback(env);
}

main().catch((error) => {
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
