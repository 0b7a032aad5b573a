import { cp, mkdir, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from './temp-dir';

const PROJECT = process.cwd();
/** What Electron's npm package holds before its installer has run (no dist/, no path.txt). */
const ELECTRON_PACKAGE_FILES = ['package.json', 'index.js', 'install.js', 'cli.js', 'checksums.json', 'electron.d.ts', 'LICENSE'];

/**
 * The project as a newcomer's checkout has it right after `npm install` on a machine that
 * could not fetch Electron's binary: package.json, .npmrc and scripts/ copied, src/, packages/ and
 * the built out/ linked, every package linked except electron, which is copied without its binary.
 * `npm start` in it can download, flip fuses and write its cache without touching this checkout.
 */
export async function copyProjectForStart(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const tmp = await makeTempDir('phonepilot-checkout-');
  const root = tmp.dir;
  for (const file of ['package.json', '.npmrc']) await cp(join(PROJECT, file), join(root, file));
  await cp(join(PROJECT, 'scripts'), join(root, 'scripts'), { recursive: true });
  for (const dir of ['src', 'packages', 'out']) await symlink(join(PROJECT, dir), join(root, dir));
  await mkdir(join(root, 'node_modules', 'electron'), { recursive: true });
  for (const entry of await readdir(join(PROJECT, 'node_modules'))) {
    if (entry === 'electron' || entry === '.cache') continue;
    await symlink(join(PROJECT, 'node_modules', entry), join(root, 'node_modules', entry));
  }
  for (const file of ELECTRON_PACKAGE_FILES) {
    await cp(join(PROJECT, 'node_modules', 'electron', file), join(root, 'node_modules', 'electron', file)).catch(() => undefined);
  }
  return { root, cleanup: tmp.cleanup };
}
