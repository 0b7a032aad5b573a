// `phonepilot traces ...` end to end through runCli's error handling, on a PHONEPILOT_HOME temp dir.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command } from '../../../src/cli/commands/traces';
import { CliError } from '../../../src/cli/command';
import { makeTempDir } from '../../support/temp-dir';
import { writeSyntheticTrace } from '../../fixtures/traces/synthetic-trace';
import { appPaths } from '../../../src/main/platform/app-paths';
import { FileSecretStore } from '../../../src/main/platform/settings/secret-store';
import { SettingsStore } from '../../../src/main/platform/settings/settings-store';

const SMALL = { width: 270, height: 600 };
let tmp: { dir: string; cleanup: () => Promise<void> };
const traces = () => join(tmp.dir, 'home', 'traces');

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  const code = await command.run(argv, { stdout, stderr: new PassThrough(), env: { PHONEPILOT_HOME: join(tmp.dir, 'home') }, signal: new AbortController().signal });
  return { code, out: Buffer.concat(chunks).toString('utf8') };
}
async function cliError(...argv: string[]): Promise<Error> {
  return cli(...argv).then(() => { throw new Error('expected a failure'); }, (e: Error) => e);
}

beforeAll(async () => {
  tmp = await makeTempDir('phonepilot-cli-traces-');
  await writeSyntheticTrace({ dir: join(traces(), 'wifi'), steps: 2, screen: SMALL, task: 'Turn on Wi-Fi', startedAt: Date.UTC(2025, 0, 2) });
  await writeSyntheticTrace({ dir: join(traces(), 'lunch'), steps: 3, screen: SMALL, task: 'Order lunch', status: 'failed', startedAt: Date.UTC(2025, 0, 3) });
});
afterAll(async () => tmp.cleanup());

describe('phonepilot traces', () => {
  it('list prints a table newest first with the disk use', async () => {
    const { code, out } = await cli('list');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+DATE\s+STATUS\s+STEPS\s+TIME\s+DEVICE\s+MODEL\s+TASK$/);
    expect(lines[1]).toMatch(/^lunch\s+2025-01-03 00:00\s+failed\s+3\s+.*Order lunch$/);
    expect(lines[2]).toMatch(/^wifi\s+2025-01-02 00:00\s+finished\s+2\s+.*Turn on Wi-Fi$/);
    expect(lines[3]).toMatch(/^2 of 2 trace\(s\); \d+\.\d KB on disk in /);
  });

  it('list --json with --status and --search filters', async () => {
    const a = JSON.parse((await cli('list', '--json', '--status', 'failed')).out);
    expect(a.items.map((s: { id: string }) => s.id)).toEqual(['lunch']);
    const b = JSON.parse((await cli('list', '--json', '--search', 'wi-fi')).out);
    expect(b.items.map((s: { id: string }) => s.id)).toEqual(['wifi']);
    expect(b).toMatchObject({ matched: 1, total: 2 });
    const err = await cliError('list', '--status', 'weird');
    expect(err).toBeInstanceOf(CliError);
    expect(err.message).toMatch(/unknown status "weird"/);
  });

  it('show prints the summary and each step; --json gives summary and view', async () => {
    const { out } = await cli('show', 'lunch');
    expect(out).toMatch(/^Trace\s+lunch$/m);
    expect(out).toMatch(/^Status\s+failed: Task failed\.$/m);
    expect(out).toMatch(/^\s+3\s+\{"type":"type","text":"hello world","submit":true\}\s+\(1 error\(s\)\)$/m);
    const json = JSON.parse((await cli('show', 'wifi', '--json')).out);
    expect(json.summary.task).toBe('Turn on Wi-Fi');
    expect(json.view.steps).toHaveLength(2);
    expect((await cliError('show', 'nope')).message).toMatch(/No trace/);
  });

  it('exports HTML and a bundle, imports the bundle back under a new id, removes traces', async () => {
    const html = join(tmp.dir, 'out', 'wifi.html');
    expect((await cli('export', 'wifi', '--html', html)).out).toMatch(/^Wrote .*wifi\.html \(\d+\.\d KB, 2 steps\)\.$/m);
    expect(await fs.readFile(html, 'utf8')).toMatch(/^<!doctype html>/);
    const zip = join(tmp.dir, 'out', 'wifi.zip');
    expect((await cli('export', 'wifi', '--bundle', zip)).out).toMatch(/Wrote .*wifi\.zip \(.*, 3 files\)\./);
    const imported = (await cli('import', zip)).out;
    expect(imported).toMatch(/^Imported as wifi-[0-9a-f]{6} \(the id wifi was taken\): \d+ events, 3 files\.$/m);
    const newId = /Imported as (\S+)/.exec(imported)![1]!;
    expect(JSON.parse((await cli('list', '--json')).out).total).toBe(3);
    expect((await cli('rm', newId)).out).toMatch(new RegExp(`^Deleted ${newId} \\(`));
    expect(JSON.parse((await cli('list', '--json')).out).total).toBe(2);
    expect((await cliError('export', 'wifi')).message).toMatch(/--html FILE \| --bundle FILE/);
  });

  it('export leaves out the keys stored in the app data folder, whatever their shape', async () => {
    const KEY = 'gw-cli-stored-4f5e6d7c8b';
    const paths = appPaths(join(tmp.dir, 'home'));
    const settings = new SettingsStore(paths.settingsFile, new FileSecretStore(paths.secretsFile));
    await settings.load();
    await settings.saveEndpoint({ name: 'Gateway', baseURL: 'https://gw.example.invalid/v1', model: 'm', protocol: 'autoglm', apiKey: KEY });
    await writeSyntheticTrace({ dir: join(traces(), 'leaky'), steps: 1, screen: SMALL, task: 'Leaky', startedAt: Date.UTC(2025, 0, 1), replyExtra: ` echo ${KEY}` });
    const html = join(tmp.dir, 'out', 'leaky.html');
    const zip = join(tmp.dir, 'out', 'leaky.zip');
    await cli('export', 'leaky', '--html', html);
    await cli('export', 'leaky', '--bundle', zip);
    expect(await fs.readFile(html, 'utf8')).toContain('echo [redacted]');
    expect(await fs.readFile(html, 'utf8')).not.toContain(KEY);
    const files = unzipSync(new Uint8Array(await fs.readFile(zip)));
    expect(strFromU8(files['trace.jsonl']!)).toContain('echo [redacted]');
    for (const data of Object.values(files)) expect(Buffer.from(data).includes(KEY)).toBe(false);
    await cli('rm', 'leaky');
  });

  it('import refuses a bad archive with a clear message', async () => {
    const bad = join(tmp.dir, 'bad.zip');
    await fs.writeFile(bad, 'garbage');
    expect((await cliError('import', bad)).message).toMatch(/not a valid PhonePilot trace bundle: it is not a zip archive/);
  });

  it('rm refuses paths and prune applies retention', async () => {
    expect((await cliError('rm', '../home')).message).toMatch(/not a trace id/);
    expect((await cli('prune', '--keep-last', '1', '--dry-run')).out).toMatch(/^would delete wifi .*\n1 trace\(s\) would be deleted\.\n$/);
    expect((await cli('prune', '--keep-last', '1')).out).toMatch(/^Deleted 1 trace\(s\)/);
    expect(JSON.parse((await cli('list', '--json')).out).items.map((s: { id: string }) => s.id)).toEqual(['lunch']);
    expect((await cliError('frobnicate')).message).toMatch(/unknown subcommand "frobnicate"/);
  });
});
