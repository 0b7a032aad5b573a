import { describe, expect, it } from 'vitest';
import { fakeShell } from './fake-shell';

const shell = fakeShell;

describe('simulated sh: the language', () => {
  it('expands variables, defaults, lengths and trims', async () => {
    const { run } = shell();
    expect((await run('A=hello; B="$A world"; echo "$B" ${#A} ${C:-none} ${A%lo} ${A#he}')).stdout).toBe('hello world 5 none hel llo\n');
    expect((await run('x="a  b"; for w in $x; do echo "[$w]"; done; for w in "$x"; do echo "[$w]"; done')).stdout).toBe('[a]\n[b]\n[a  b]\n');
    expect((await run('echo ${UNSET:?is required}')).stderr).toBe('/system/bin/sh: UNSET: is required\n');
  });

  it('runs command substitution and 32-bit arithmetic', async () => {
    const { run } = shell();
    expect((await run('n=$(echo 4); echo $((n * 3 + 1)) $((7 / 2)) $((2147483647 + 1)) `echo bq`')).stdout).toBe('13 3 -2147483648 bq\n');
    expect((await run('i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i')).stdout).toBe('3\n');
    expect(await run('echo $((1/0))')).toMatchObject({ status: 1, stderr: '/system/bin/sh: 1/0: zero divisor\n' });
  });

  it('keeps cd, exported variables and functions for the rest of the line', async () => {
    const { run } = shell();
    expect((await run('cd /sdcard && pwd && mkdir d && cd d && echo x > f && cat /sdcard/d/f; cd ..; ls -d . 2>/dev/null; pwd')).stdout).toBe('/sdcard\nx\n.\n/sdcard\n');
    expect(await run('cd /nope')).toMatchObject({ status: 2, stderr: '/system/bin/sh: cd: /nope: No such file or directory\n' });
    expect((await run('export K=v; sh -c \'echo $K\'; L=w sh -c \'echo $L\'; M=z; sh -c \'echo "[$M]"\'')).stdout).toBe('v\nw\n[]\n');
    expect((await run('greet() { local who=$1; echo "hi $who"; return 3; }; greet bob; echo $? "[$who]"')).stdout).toBe('hi bob\n3 []\n');
  });

  it('runs if/elif/else, case, until, break and continue', async () => {
    const { run } = shell();
    expect((await run('if false; then echo a; elif true; then echo b; else echo c; fi')).stdout).toBe('b\n');
    expect((await run('case foo.txt in *.png) echo img;; *.txt|*.md) echo text;; esac')).stdout).toBe('text\n');
    expect((await run('for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done')).stdout).toBe('1\n3\n');
    expect((await run('n=0; until [ $n -ge 2 ]; do n=$((n+1)); done; echo $n')).stdout).toBe('2\n');
  });

  it('pipes, redirections (</dev/null, 2>&1, >>, here-documents) and exec', async () => {
    const { run, device } = shell();
    expect((await run('ls /nope 2>&1 | grep -c nope')).stdout).toBe('1\n');
    expect((await run('cat </dev/null; echo rc=$?')).stdout).toBe('rc=0\n');
    expect((await run('echo a > /sdcard/l; echo b >> /sdcard/l; cat /sdcard/l')).stdout).toBe('a\nb\n');
    expect((await run('cat <<EOF\nv=$HOME\nEOF')).stdout).toBe('v=/\n');
    expect((await run("cat <<'EOF'\nv=$HOME\nEOF")).stdout).toBe('v=$HOME\n');
    expect((await run('exec 2>&1; ls /nope; echo after')).stdout).toBe('ls: /nope: No such file or directory\nafter\n');
    expect((await run('exec echo replaced; echo never')).stdout).toBe('replaced\n');
    expect(await run('echo x > /system/x')).toMatchObject({ status: 1, stderr: "/system/bin/sh: can't create /system/x: Read-only file system\n" });
    expect(await run('cat < /sdcard/none')).toMatchObject({ status: 1, stderr: "/system/bin/sh: can't open /sdcard/none: No such file or directory\n" });
    expect(device.fs.readFile('/sdcard/l').toString()).toBe('a\nb\n');
  });

  it('reads stdin in cat, read and while-read loops', async () => {
    const { run } = shell();
    expect((await run('cat', 'piped\n')).stdout).toBe('piped\n');
    expect((await run('while read a b; do echo "$b-$a"; done', 'x 1\ny 2\n')).stdout).toBe('1-x\n2-y\n');
  });

  it('reports syntax errors and unknown commands with mksh wording and status', async () => {
    const { run } = shell();
    expect(await run('if true; then')).toMatchObject({ status: 1, stderr: '/system/bin/sh: syntax error: unexpected end of file\n' });
    expect(await run('frob')).toMatchObject({ status: 127, stderr: '/system/bin/sh: frob: inaccessible or not found\n' });
    expect(await run('exit 42')).toMatchObject({ status: 42 });
    expect((await run('false; echo $?; true; echo $?; ! true; echo $?')).stdout).toBe('1\n0\n1\n');
  });

  it('globs against the filesystem and runs pushed scripts', async () => {
    const { run, device } = shell();
    device.fs.writeFile('/sdcard/a.txt', Buffer.from('1'));
    device.fs.writeFile('/sdcard/b.txt', Buffer.from('2'));
    expect((await run('echo /sdcard/*.txt; echo "/sdcard/*.txt"; echo /sdcard/*.none')).stdout).toBe('/sdcard/a.txt /sdcard/b.txt\n/sdcard/*.txt\n/sdcard/*.none\n');
    device.fs.writeFile('/data/local/tmp/s.sh', Buffer.from('echo "args: $# $1"\nexit 7\n'), { perm: 0o644 });
    expect(await run('/data/local/tmp/s.sh')).toMatchObject({ status: 126, stderr: "/system/bin/sh: /data/local/tmp/s.sh: can't execute: Permission denied\n" });
    expect(await run('chmod 755 /data/local/tmp/s.sh && /data/local/tmp/s.sh one')).toMatchObject({ status: 7, stdout: 'args: 1 one\n' });
    expect(await run('sh /data/local/tmp/s.sh a b')).toMatchObject({ status: 7, stdout: 'args: 2 a\n' });
  });
});
