import { describe, expect, it } from 'vitest';
import { quoteShellArg, shellCommand } from '../../../../src/main/phone/adb/shell-quote';

describe('device shell quoting', () => {
  it('single-quotes every argument, escaping embedded quotes', () => {
    expect(quoteShellArg('hello world')).toBe("'hello world'");
    expect(quoteShellArg("it's")).toBe("'it'\\''s'");
    expect(quoteShellArg('')).toBe("''");
    expect(shellCommand(['input', 'text', 'a;b'])).toBe("'input' 'text' 'a;b'");
  });

  it('keeps shell syntax literal', () => {
    for (const evil of ['$(reboot)', '`reboot`', 'a; reboot', 'a && reboot', '*', '> /sdcard/x', '"$HOME"']) {
      const q = quoteShellArg(evil);
      expect(q.startsWith("'") && q.endsWith("'")).toBe(true);
      expect(q.slice(1, -1)).toBe(evil);
    }
  });

  it('refuses NUL bytes and empty commands', () => {
    expect(() => quoteShellArg('a\0b')).toThrow(RangeError);
    expect(() => shellCommand([])).toThrow(RangeError);
  });
});
