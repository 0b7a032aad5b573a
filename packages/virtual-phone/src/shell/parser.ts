// Turns tokens into an and-or list of pipelines of simple commands.
import { ShellSyntaxError, tokenize, type Token } from './tokenizer';

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '>&' | '<';
  /** File path for > >> <; undefined for >& (then dupTo is set). */
  target?: string;
  dupTo?: number;
}

export interface SimpleCommand {
  env: Record<string, string>;
  argv: string[];
  redirects: Redirect[];
}

export interface ListItem {
  pipeline: SimpleCommand[];
  /** How this item runs relative to the previous one's exit status. */
  connector: ';' | '&&' | '||';
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export function parseCommandLine(line: string): ListItem[] {
  const tokens = tokenize(line);
  const items: ListItem[] = [];
  let pipeline: SimpleCommand[] = [];
  let current: SimpleCommand = { env: {}, argv: [], redirects: [] };
  let connector: ListItem['connector'] = ';';
  let i = 0;

  const endCommand = (required: boolean): void => {
    if (current.argv.length === 0 && Object.keys(current.env).length === 0 && current.redirects.length === 0) {
      if (required) throw new ShellSyntaxError('syntax error: unexpected operator');
      return;
    }
    pipeline.push(current);
    current = { env: {}, argv: [], redirects: [] };
  };

  while (i < tokens.length) {
    const t: Token = tokens[i++];
    if (t.type === 'word') {
      if (current.argv.length === 0 && ASSIGNMENT.test(t.value)) {
        const eq = t.value.indexOf('=');
        current.env[t.value.slice(0, eq)] = t.value.slice(eq + 1);
      } else {
        current.argv.push(t.value);
      }
    } else if (t.type === 'redirect') {
      if (t.op === '>&') {
        current.redirects.push({ fd: t.fd, op: '>&', dupTo: t.dupTo });
      } else {
        const target = tokens[i++];
        if (!target || target.type !== 'word') throw new ShellSyntaxError('syntax error: redirection without a file');
        current.redirects.push({ fd: t.fd, op: t.op, target: target.value });
      }
    } else if (t.value === '|') {
      endCommand(true);
    } else {
      endCommand(pipeline.length > 0);
      if (pipeline.length === 0) {
        if (t.value === ';' || t.value === '&') continue;
        throw new ShellSyntaxError(`syntax error: '${t.value}' unexpected`);
      }
      items.push({ pipeline, connector });
      pipeline = [];
      connector = t.value === '&&' || t.value === '||' ? t.value : ';';
    }
  }
  endCommand(false);
  if (pipeline.length) items.push({ pipeline, connector });
  else if (connector !== ';') throw new ShellSyntaxError('syntax error: unexpected end of file');
  return items;
}
