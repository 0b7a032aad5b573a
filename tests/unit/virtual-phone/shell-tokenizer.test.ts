import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../packages/virtual-phone/src/shell/parser';
import { ShellSyntaxError, tokenize } from '../../../packages/virtual-phone/src/shell/tokenizer';

const words = (line: string) => tokenize(line).filter((t) => t.type === 'word').map((t) => (t as { value: string }).value);

describe('shell tokenizer', () => {
  it('splits on blanks and keeps quoted blanks', () => {
    expect(words(`input text 'hello world'`)).toEqual(['input', 'text', 'hello world']);
    expect(words(`echo "a  b" c`)).toEqual(['echo', 'a  b', 'c']);
  });

  it('handles adbkit-style quoting of an apostrophe', () => {
    expect(words(`'input' 'text' 'it'"'"'s'`)).toEqual(['input', 'text', "it's"]);
  });

  it('handles backslashes outside and inside double quotes', () => {
    expect(words('echo a\\ b')).toEqual(['echo', 'a b']);
    expect(words('echo "x\\"y\\\\z\\n"')).toEqual(['echo', 'x"y\\z\\n']);
    expect(words("echo 'no \\ escapes'")).toEqual(['echo', 'no \\ escapes']);
  });

  it('recognises operators and redirections only outside quotes', () => {
    expect(tokenize(`echo '&&' && true`).map((t) => t.type)).toEqual(['word', 'word', 'op', 'word']);
    expect(tokenize('screencap -p 2>/dev/null')).toEqual([
      { type: 'word', value: 'screencap' }, { type: 'word', value: '-p' },
      { type: 'redirect', fd: 2, op: '>' }, { type: 'word', value: '/dev/null' },
    ]);
    expect(tokenize('cmd >>log 2>&1')).toEqual([
      { type: 'word', value: 'cmd' }, { type: 'redirect', fd: 1, op: '>>' }, { type: 'word', value: 'log' },
      { type: 'redirect', fd: 2, op: '>&', dupTo: 1 },
    ]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => tokenize("echo 'oops")).toThrow(ShellSyntaxError);
  });
});

describe('shell parser', () => {
  it('builds an and-or list with env assignments and redirects', () => {
    const items = parseCommandLine('CLASSPATH=/data/local/tmp/s.jar app_process / Main 3.3 a=b > /sdcard/x 2>/dev/null; echo done || echo no');
    expect(items).toHaveLength(3);
    expect(items[0].pipeline[0]).toEqual({
      env: { CLASSPATH: '/data/local/tmp/s.jar' },
      argv: ['app_process', '/', 'Main', '3.3', 'a=b'],
      redirects: [{ fd: 1, op: '>', target: '/sdcard/x' }, { fd: 2, op: '>', target: '/dev/null' }],
    });
    expect(items.map((i) => i.connector)).toEqual([';', ';', '||']);
  });

  it('keeps `echo && screencap -p` (adbkit screencap) as two commands joined by &&', () => {
    const items = parseCommandLine('echo && screencap -p 2>/dev/null');
    expect(items.map((i) => i.pipeline[0].argv)).toEqual([['echo'], ['screencap', '-p']]);
    expect(items[1].connector).toBe('&&');
  });

  it('parses pipelines and rejects a dangling operator', () => {
    expect(parseCommandLine('getprop | grep model')[0].pipeline.map((c) => c.argv[0])).toEqual(['getprop', 'grep']);
    expect(() => parseCommandLine('echo a &&')).toThrow(ShellSyntaxError);
    expect(() => parseCommandLine('&& echo a')).toThrow(ShellSyntaxError);
  });
});
