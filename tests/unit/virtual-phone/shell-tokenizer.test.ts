import { describe, expect, it } from 'vitest';
import { parseScript } from '../../../packages/virtual-phone/src/shell/parser';
import { ShellSyntaxError, tokenize } from '../../../packages/virtual-phone/src/shell/lexer';

const words = (line: string) => tokenize(line).filter((t) => t.type === 'word').map((t) => (t as { raw: string }).raw);

describe('shell lexer', () => {
  it('keeps words raw: quotes, $(...) and ${...} stay inside one word', () => {
    expect(words(`input text 'hello world'`)).toEqual(['input', 'text', "'hello world'"]);
    expect(words(`echo "a  b" $(ls /x; echo y) \${X:-a b}`)).toEqual(['echo', '"a  b"', '$(ls /x; echo y)', '${X:-a b}']);
    expect(words(`'input' 'text' 'it'"'"'s'`)).toEqual(["'input'", "'text'", `'it'"'"'s'`]);
  });

  it('recognises operators and redirections only outside quotes', () => {
    expect(tokenize(`echo '&&' && true`).map((t) => t.type)).toEqual(['word', 'word', 'op', 'word', 'eof']);
    expect(tokenize('cmd >>log 2>&1 </dev/null')).toEqual([
      { type: 'word', raw: 'cmd' }, { type: 'redir', fd: null, op: '>>' }, { type: 'word', raw: 'log' },
      { type: 'redir', fd: 2, op: '>&' }, { type: 'word', raw: '1' }, { type: 'redir', fd: null, op: '<' }, { type: 'word', raw: '/dev/null' },
      { type: 'eof' },
    ]);
  });

  it('reads a here-document body at the next newline', () => {
    const t = tokenize('cat <<EOF\nline $X\nEOF\necho after');
    const redir = t.find((x) => x.type === 'redir') as { heredoc?: { body: string; literal: boolean } };
    expect(redir.heredoc).toEqual({ body: 'line $X\n', literal: false });
    expect(words('cat <<EOF\nline\nEOF\necho after')).toEqual(['cat', 'echo', 'after']);
  });

  it('rejects an unterminated quote', () => {
    expect(() => tokenize("echo 'oops")).toThrow(ShellSyntaxError);
  });
});

describe('shell parser', () => {
  it('builds and-or lists with assignments and redirects', () => {
    const script = parseScript('CLASSPATH=/data/local/tmp/s.jar app_process / Main 3.3 a=b > /sdcard/x 2>/dev/null; echo done || echo no');
    expect(script).toHaveLength(2);
    expect(script[0].first.commands[0]).toEqual({
      kind: 'simple', assigns: [{ name: 'CLASSPATH', raw: '/data/local/tmp/s.jar' }],
      words: ['app_process', '/', 'Main', '3.3', 'a=b'],
      redirects: [{ fd: null, op: '>', target: '/sdcard/x' }, { fd: 2, op: '>', target: '/dev/null' }],
    });
    expect(script[1].rest.map((r) => r.op)).toEqual(['||']);
  });

  it('parses compound commands and reserved words only at a command start', () => {
    const [item] = parseScript('for f in a b; do if [ "$f" = a ]; then echo fi; else echo done; fi; done');
    const loop = item.first.commands[0];
    expect(loop.kind).toBe('for');
    expect(parseScript('while false; do :; done; until true; do :; done').map((i) => i.first.commands[0].kind)).toEqual(['loop', 'loop']);
    expect(parseScript('case x in a|b) echo 1;; *) echo 2;; esac')[0].first.commands[0]).toMatchObject({ kind: 'case', arms: [{ patterns: ['a', 'b'] }, { patterns: ['*'] }] });
    expect(parseScript('f() { echo hi; }; (cd /; ls)').map((i) => i.first.commands[0].kind)).toEqual(['function', 'group']);
  });

  it('rejects dangling operators and unclosed compounds', () => {
    expect(() => parseScript('echo a &&')).toThrow(ShellSyntaxError);
    expect(() => parseScript('&& echo a')).toThrow(ShellSyntaxError);
    expect(() => parseScript('if true; then echo')).toThrow(/unexpected end of file/);
  });
});
