// The one way a device shell command is built from arguments: every argument single-quoted,
// so text from a model or a user can never become shell syntax on the phone (`;`, `$()`,
// backquotes, globs, redirections all stay literal).

/** POSIX single-quoting: 'it'\''s' is the word it's. */
export function quoteShellArg(arg: string): string {
  if (arg.includes('\0')) throw new RangeError('a shell argument cannot contain a NUL byte');
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The command line for argv, every word quoted. */
export function shellCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new RangeError('empty command');
  return argv.map(quoteShellArg).join(' ');
}
