import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../../src/cli/command';
import { command } from '../../../src/cli/commands/voice-models';
import { MODEL_CATALOGUE } from '../../../src/shared/voice/catalogue';
import { FAKE_MODEL } from '../../support/voice-fixtures';
import { startModelServer, type ModelServer } from '../../support/voice-model-server';

let dir: string;
let server: ModelServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pp-models-cli-'));
  // Served under a real catalogue name: its SHA-1 will not match, which is what we check.
  server = await startModelServer({ 'ggml-tiny.en.bin': await readFile(FAKE_MODEL) });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string; error?: Error }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => { stdout += c.toString(); });
  err.on('data', (c: Buffer) => { stderr += c.toString(); });
  const ctx: CliContext = { stdout: out, stderr: err, env, signal: new AbortController().signal };
  try {
    const code = await command.run(['--dir', join(dir, 'models'), ...argv], ctx);
    return { code, stdout, stderr };
  } catch (error) {
    return { code: -1, stdout, stderr, error: error as Error };
  }
}

describe('phonepilot voice-models', () => {
  it('lists the standard models with sizes and state', async () => {
    const { code, stdout } = await run(['list']);
    expect(code).toBe(0);
    for (const m of MODEL_CATALOGUE) expect(stdout).toMatch(new RegExp(`^${m.id.replace('.', '\\.')}\\s+${m.sizeLabel}`, 'm'));
    const json = JSON.parse((await run(['list', '--json'])).stdout);
    expect(json.catalogue).toHaveLength(MODEL_CATALOGUE.length);
    expect(json.installed).toEqual([]);
  });

  it('imports a file and lists it', async () => {
    const { stdout } = await run(['import', FAKE_MODEL]);
    expect(stdout.trim()).toBe(join(dir, 'models', 'ggml-fake-en.bin'));
    expect((await run(['list'])).stdout).toMatch(/^ggml-fake-en\.bin\s+4\.3 MiB\s+\?\s+imported$/m);
    await run(['remove', 'ggml-fake-en.bin']);
    expect((await run(['list'])).stdout).not.toMatch(/imported/);
  });

  it('downloads with progress on stderr and refuses a file whose SHA-1 does not match', async () => {
    const { error, stderr } = await run(['download', 'tiny.en', '--host', server.baseUrl]);
    expect(stderr).toMatch(/^tiny\.en: 0% 0\.0 MiB of 4\.3 MiB$/m);
    expect(stderr).toMatch(/^tiny\.en: 100% 4\.3 MiB of 4\.3 MiB$/m);
    expect(stderr).toContain('verifying SHA-1');
    expect(error?.message).toMatch(/tiny\.en model is corrupt.*SHA-1/);
    expect((await run(['list', '--json'])).stdout).toContain('"installed": []');
  });

  it('downloads from the mirror in $PHONEPILOT_WHISPER_MODEL_HOST when no --host is given', async () => {
    server.ranges.length = 0;
    const { error } = await run(['download', 'tiny.en'], { PHONEPILOT_WHISPER_MODEL_HOST: server.baseUrl });
    expect(server.ranges).toHaveLength(1);
    expect(error?.message).toMatch(/tiny\.en model is corrupt/);
  });
});
