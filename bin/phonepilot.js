#!/usr/bin/env node
// npm bin entry: the CLI is built with the app (out/main/cli.js); build once if it is missing.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuild } from '../scripts/ensure-build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out', 'main', 'cli.js');
if (!existsSync(cli)) ensureBuild(root);
process.argv[1] = cli;
await import(pathToFileURL(cli).href);
