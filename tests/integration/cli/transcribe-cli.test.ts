import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, type CliContext } from '../../../src/cli/command';
import { command, MODEL_ENV } from '../../../src/cli/commands/transcribe';
import { FAKE_MODEL, FAKE_TEXT, speechWav, transcode } from '../../support/voice-fixtures';

let dir: string;
let wav: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pp-cli-'));
  wav = await speechWav(join(dir, 'speech.wav'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  const ctx: CliContext = { stdout, stderr, env: { ...env, GGML_NO_BACKTRACE: '1' }, signal: new AbortController().signal };
  const code = await command.run(argv, ctx);
  return { code, stdout: out };
}

describe('phonepilot transcribe', () => {
  it('prints the transcript of a WAV file', async () => {
    expect(await run([wav, '--model', FAKE_MODEL, '--language', 'en'])).toEqual({ code: 0, stdout: `${FAKE_TEXT}\n` });
  });

  it('prints JSON with segments and durations, taking the model from the environment', async () => {
    const mp3 = await transcode(wav, join(dir, 'speech.mp3'));
    const { code, stdout } = await run([mp3, '--json'], { [MODEL_ENV]: FAKE_MODEL });
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ text: FAKE_TEXT, modelPath: FAKE_MODEL, segments: [{ text: ` ${FAKE_TEXT}` }] });
    expect(result.durations.audioMs).toBeGreaterThan(1000);
  });

  it('falls back to the first model in the app models directory', async () => {
    const home = join(dir, 'home');
    await mkdir(join(home, 'models'), { recursive: true });
    await copyFile(FAKE_MODEL, join(home, 'models', 'ggml-fake-en.bin'));
    expect(await run([wav], { PHONEPILOT_HOME: home })).toEqual({ code: 0, stdout: `${FAKE_TEXT}\n` });
  });

  it('uses the model chosen in the app settings', async () => {
    const home = join(dir, 'home-with-settings');
    await mkdir(home, { recursive: true });
    await writeFile(join(home, 'settings.json'), JSON.stringify({ version: 1, voice: { modelPath: FAKE_MODEL, language: 'auto', sendImmediately: false } }));
    expect(await run([wav], { PHONEPILOT_HOME: home })).toEqual({ code: 0, stdout: `${FAKE_TEXT}\n` });
  });

  it('fails with a one-line explanation when the model or the file is missing', async () => {
    await expect(run([wav], { PHONEPILOT_HOME: join(dir, 'empty-home') })).rejects.toThrow(new RegExp(MODEL_ENV));
    const missing = await run([wav, '--model', join(dir, 'none.bin')]).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(CliError);
    expect((missing as CliError).message).toMatch(/missing.*Download a model/);
    const noFile = await run([join(dir, 'none.wav'), '--model', FAKE_MODEL]).catch((e: unknown) => e);
    expect((noFile as CliError).message).toMatch(/none\.wav/);
    await expect(run([])).rejects.toMatchObject({ exitCode: 2 });
  });

  it('prints its usage for --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('phonepilot transcribe FILE [--model PATH] [--language L]');
  });

  it('runs as a process through tsx with only the transcript on stdout', async () => {
    const script = [
      `import { command } from ${JSON.stringify(join(import.meta.dirname, '../../../src/cli/commands/transcribe.ts'))};`,
      'const code = await command.run(process.argv.slice(1), { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: new AbortController().signal });',
      'process.exitCode = code;',
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, wav, '--model', FAKE_MODEL], {
      cwd: join(import.meta.dirname, '../../..'),
      env: { ...process.env, GGML_NO_BACKTRACE: '1' },
    });
    expect(stdout).toBe(`${FAKE_TEXT}\n`);
  });
});

describe('the built CLI (npm run build)', () => {
  it('has transcribe and voice-models, and its bundle finds out/main/voice-worker.js', async () => {
    const cli = join(import.meta.dirname, '../../../out/main/cli.js');
    const env = { PATH: process.env.PATH ?? '', HOME: dir, PHONEPILOT_HOME: join(dir, 'built-cli-home'), GGML_NO_BACKTRACE: '1' };
    const help = await promisify(execFile)(process.execPath, [cli, '--help'], { env });
    expect(help.stdout).toMatch(/^ {2}transcribe\s/m);
    expect(help.stdout).toMatch(/^ {2}voice-models\s/m);
    // Without the voice-worker entry in electron-vite's main build this fails to start a worker.
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'transcribe', wav, '--model', FAKE_MODEL, '--language', 'en'], { env, timeout: 60_000 });
    expect(stdout).toBe(`${FAKE_TEXT}\n`);
  });
});
