import { describe, expect, it } from 'vitest';
import { CliError, parseCommandArgs } from '../../../src/cli/command';
import { command as transcribe } from '../../../src/cli/commands/transcribe';
import { command as voiceModels } from '../../../src/cli/commands/voice-models';

const ctx = { stdout: process.stdout, stderr: process.stderr, env: {}, signal: new AbortController().signal };

describe('command arguments', () => {
  it('parses what the options declare', () => {
    const { values, positionals } = parseCommandArgs({ args: ['a.wav', '--json'], allowPositionals: true, options: { json: { type: 'boolean' } } }, 'usage');
    expect(values.json).toBe(true);
    expect(positionals).toEqual(['a.wav']);
  });

  it.each([['transcribe', transcribe], ['voice-models', voiceModels]] as const)('%s: an unknown option is exit code 2 with the usage', async (_, command) => {
    const error = await command.run(['--bogus'], ctx).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/--bogus/);
    expect((error as Error).message).toContain(command.usage);
  });
});
