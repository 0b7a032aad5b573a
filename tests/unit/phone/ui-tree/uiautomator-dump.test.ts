// How dumps fail on real phones and what the reader makes of it: retried errors, the /dev/tty
// refusal that switches to a file, a phone that went away (not retried), a cache per screen.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/shared/errors';
import type { DeviceShell } from '../../../../src/main/phone/adb/device-shell';
import { dumpUiXml } from '../../../../src/main/phone/ui-tree';
import { UiTreeReader } from '../../../../src/main/phone/ui-tree/ui-tree-reader';

const XML = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation="0"><node index="0" text="Wi-Fi" class="android.widget.TextView" bounds="[0,0][100,50]" /></hierarchy>`;

type Answer = string | Error;

/** A shell that answers exec-out calls from a script and records the commands. */
function fakeShell(answers: Answer[] | ((argv: readonly string[]) => Answer)) {
  const calls: string[] = [];
  const shell = {
    serial: 'fake',
    execOut: async (argv: readonly string[]) => {
      calls.push(argv.join(' '));
      const a = typeof answers === 'function' ? answers(argv) : answers.shift();
      if (a === undefined) throw new Error('unscripted call');
      if (a instanceof Error) throw a;
      return Buffer.from(a, 'utf8');
    },
  };
  return { shell: shell as unknown as DeviceShell, calls };
}

describe('dumpUiXml', () => {
  it('returns the XML without the "dumped to" line', async () => {
    const { shell, calls } = fakeShell([`${XML}UI hierchary dumped to: /dev/tty\n`]);
    expect(await dumpUiXml(shell)).toEqual({ xml: XML, attempts: 1 });
    expect(calls).toEqual(['uiautomator dump /dev/tty']);
  });

  it('retries what real phones print while the UI is busy', async () => {
    const { shell } = fakeShell(['ERROR: could not get idle state.\n', 'ERROR: null root node returned by UiTestAutomationBridge.\n', XML]);
    expect(await dumpUiXml(shell, { retryDelayMs: 1 })).toMatchObject({ attempts: 3 });
  });

  it('gives up with the phone\'s last message after the retries', async () => {
    const { shell, calls } = fakeShell(() => 'ERROR: could not get idle state.\n');
    const error = await dumpUiXml(shell, { retries: 1, retryDelayMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('could not get idle state') });
    expect(calls).toHaveLength(2);
  });

  it('falls back to a file when /dev/tty is refused, and remembers it', async () => {
    const { shell, calls } = fakeShell((argv) => {
      if (argv[2] === '/dev/tty') return 'UI hierchary dumped to: /dev/tty\n';
      if (argv[0] === 'cat') return XML;
      return `UI hierchary dumped to: ${argv[2]}\n`;
    });
    expect((await dumpUiXml(shell)).xml).toBe(XML);
    await dumpUiXml(shell);
    expect(calls).toEqual([
      'uiautomator dump /dev/tty',
      'uiautomator dump /data/local/tmp/phonepilot-window.xml', 'cat /data/local/tmp/phonepilot-window.xml',
      'uiautomator dump /data/local/tmp/phonepilot-window.xml', 'cat /data/local/tmp/phonepilot-window.xml',
    ]);
  });

  it('does not retry for a phone that went away', async () => {
    const { shell, calls } = fakeShell([new AppError('device_gone', 'The phone fake is no longer connected.')]);
    await expect(dumpUiXml(shell, { retryDelayMs: 1 })).rejects.toMatchObject({ code: 'device_gone' });
    expect(calls).toHaveLength(1);
  });
});

describe('UiTreeReader', () => {
  it('reads once per screen fingerprint, shares a dump in progress, forgets failures', async () => {
    const answers: Answer[] = [XML, 'garbage', 'garbage', 'garbage', XML];
    const { shell, calls } = fakeShell(answers);
    const reader = new UiTreeReader(shell, { retryDelayMs: 1 });
    const [a, b] = await Promise.all([reader.read({ fingerprint: 's1' }), reader.read({ fingerprint: 's1' })]);
    expect(a.cached).toBe(false);
    expect(b.cached).toBe(true);
    expect(a.tree).toBe(b.tree);
    expect(a.tree.elements[0].text).toBe('Wi-Fi');
    expect(calls).toHaveLength(1);
    await expect(reader.read({ fingerprint: 's2' })).rejects.toMatchObject({ code: 'unavailable' });
    expect((await reader.read({ fingerprint: 's2' })).cached).toBe(false);
    expect(calls).toHaveLength(5);
  });

  it('always dumps without a fingerprint, and lets a caller abort its wait', async () => {
    const { shell, calls } = fakeShell(() => XML);
    const reader = new UiTreeReader(shell);
    await reader.read();
    await reader.read();
    expect(calls).toHaveLength(2);
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(reader.read({ fingerprint: 'x', signal: controller.signal })).rejects.toThrow('stopped');
  });
});
