// Builds the app when out/ is missing or older than the sources, so `npm run cli` and
// `npm run web` work straight from a checkout.
import { spawnSync } from 'node:child_process';
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
  // Rollup's warnings about dependencies' comments are noise here; the output matters only when the build fails.
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}The build failed (electron-vite build, exit ${build.status ?? build.signal}).\n`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBuild(join(dirname(fileURLToPath(import.meta.url)), '..'));
