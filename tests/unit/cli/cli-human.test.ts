import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliHuman } from '../../../src/cli/run/cli-human';

const tap = { type: 'tap', x: 1, y: 2, sensitive: 'Pay $5' } as const;

function human(options: { interactive: boolean; assumeYes?: boolean }) {
  const input = new PassThrough();
  const output = new PassThrough();
  let said = '';
  output.on('data', (c) => { said += c; });
  const h = new CliHuman({ input, output, interactive: options.interactive, assumeYes: options.assumeYes ?? false });
  return { h, input, said: () => said };
}

describe('CliHuman', () => {
  it('denies sensitive actions without a terminal, and says how to allow them', async () => {
    const { h, said } = human({ interactive: false });
    expect(await h.confirm(3, tap, 'Pay $5', new AbortController().signal)).toBe(false);
    expect(said()).toMatch(/denied .*--yes/);
    h.dispose();
  });

  it('approves with --yes', async () => {
    const { h } = human({ interactive: false, assumeYes: true });
    expect(await h.confirm(3, tap, 'Pay $5', new AbortController().signal)).toBe(true);
    h.dispose();
  });

  it('asks y/N in a terminal: only yes approves', async () => {
    const { h, input, said } = human({ interactive: true });
    const first = h.confirm(3, tap, 'Pay $5', new AbortController().signal);
    input.write('y\n');
    expect(await first).toBe(true);
    expect(said()).toContain('[y/N]');
    const second = h.confirm(4, tap, 'Pay $5', new AbortController().signal);
    input.write('\n');
    expect(await second).toBe(false);
    h.dispose();
  });

  it('take over waits for Enter; interact returns the typed line; closed input fails', async () => {
    const { h, input, said } = human({ interactive: true });
    let done = false;
    const over = h.takeOver('Log in please', new AbortController().signal).then(() => { done = true; });
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    expect(said()).toContain('Log in please');
    input.write('\n');
    await over;
    const answer = h.ask('Which size?', new AbortController().signal);
    input.write('large\n');
    expect(await answer).toBe('large');
    const orphan = h.ask('Anyone?', new AbortController().signal);
    input.end();
    await expect(orphan).rejects.toMatchObject({ code: 'cancelled' });
    h.dispose();
  });

  it('a stopped run stops waiting', async () => {
    const { h } = human({ interactive: true });
    const controller = new AbortController();
    const over = h.takeOver('x', controller.signal);
    controller.abort(new Error('stopped'));
    await expect(over).rejects.toThrow('stopped');
    h.dispose();
  });
});
