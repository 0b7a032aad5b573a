// Builds the app when out/ is missing or older than the sources, so `npm run cli` and
// `npm run web` work straight from a checkout.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureBuild(root) {
  const marker = join(root, 'out', 'main', 'cli.js');
  const sources = ['src', 'packages'].map((dir) => join(root, dir)).filter((dir) => existsSync(dir));
  const stale = !existsSync(marker) || Math.max(...sources.map(newestMtime)) > statSync(marker).mtimeMs;
  if (!stale) return;
  process.stderr.write('Building PhonePilot (electron-vite build)...\n');
  execFileSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBuild(join(dirname(fileURLToPath(import.meta.url)), '..'));
