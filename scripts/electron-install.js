// `npm run electron:install`: fetches Electron's binary now (npm install skips it, see .npmrc)
// and sets its fuses. Exit 0 with the binary's path, or 1 with one line saying why.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyFuses, downloadElectron, electronVersion, installedElectron } from './electron-binary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let installed = installedElectron(root);
if (!installed.binary) {
  if (installed.missing.includes('package')) {
    process.stderr.write(`electron:install: ${installed.missing}\n`);
    process.exit(1);
  }
  process.stderr.write(`Downloading Electron ${electronVersion(root)} (about 100 MB)...\n`);
  const download = await downloadElectron(root);
  if (!download.ok) {
    process.stderr.write(`electron:install: the download failed (${download.reason}). Electron comes from github.com; set ELECTRON_MIRROR to use a mirror.\n`);
    process.exit(1);
  }
  installed = installedElectron(root);
}
try {
  await applyFuses(installed.binary, root);
} catch (error) {
  process.stderr.write(`electron:install: Electron is installed but its fuses could not be set (${error.message}).\n`);
  process.exit(1);
}
process.stdout.write(`Electron ${electronVersion(root)} is ready: ${installed.binary}\n`);
