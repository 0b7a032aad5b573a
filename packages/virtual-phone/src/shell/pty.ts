// The pty adbd gives an interactive `adb shell` (and `adb shell -t CMD`): lines are edited
// (backspace, ^U), ^C interrupts, ^D at a line start ends input, and '\n' in output becomes
// "\r\n" (ONLCR). mksh edits the line itself (emacs mode), so typed-ahead input shows when the
// shell (or a command) reads it, after the prompt, not the moment it arrives. The host's
// terminal size arrives as window-size packets.
import type { ShellOutput, Terminal } from './command-context';
import { InputPipe, type ShellInput } from './input';

export class PtyTerminal implements Terminal {
  rows = 24;
  cols = 80;
  private readonly lines = new InputPipe();
  /** Cooked input: whole lines, echoed as they are read. */
  readonly input: ShellInput & { end(): void } = {
    readLine: async () => {
      const line = await this.lines.readLine();
      if (line !== null) this.output.write(`${line}\n`);
      return line;
    },
    readAll: async () => {
      const all = await this.lines.readAll();
      this.output.write(all);
      return all;
    },
    read: async (n) => {
      const bytes = await this.lines.read(n);
      this.output.write(bytes);
      return bytes;
    },
    readSome: async () => {
      const bytes = await this.lines.readSome();
      if (bytes) this.output.write(bytes);
      return bytes;
    },
    end: () => this.lines.end(),
  };
  private line = '';
  private pendingCr = false;
  private interruptHandler: (() => void) | null = null;

  constructor(private readonly raw: ShellOutput) {}

  /** Output through the terminal: '\n' becomes "\r\n". */
  readonly output: ShellOutput = {
    write: (data) => {
      const text = typeof data === 'string' ? data : data.toString('utf8');
      this.raw.write(text.replace(/\r?\n/g, '\r\n'));
    },
  };

  /** What runs when the user types ^C (the foreground command gets SIGINT). */
  onInterrupt(handler: (() => void) | null): void {
    this.interruptHandler = handler;
  }

  resize(rows: number, cols: number): void {
    this.rows = rows;
    this.cols = cols;
  }

  /** Bytes the host typed. */
  type(bytes: Buffer): void {
    for (const ch of bytes.toString('utf8')) {
      if (this.pendingCr && ch === '\n') { this.pendingCr = false; continue; }
      this.pendingCr = false;
      switch (ch) {
        case '\r': case '\n':
          this.pendingCr = ch === '\r';
          this.lines.push(Buffer.from(`${this.line}\n`, 'utf8'));
          this.line = '';
          break;
        case '\x7f': case '\b':
          this.line = Array.from(this.line).slice(0, -1).join('');
          break;
        case '\x15': // ^U: kill the line
          this.line = '';
          break;
        case '\x03': // ^C
          this.raw.write('^C');
          this.line = '';
          this.interruptHandler?.();
          break;
        case '\x04': // ^D: end of input at a line start, else flush the line
          if (this.line === '') this.lines.end();
          else {
            this.lines.push(Buffer.from(this.line, 'utf8'));
            this.line = '';
          }
          break;
        default:
          this.line += ch;
      }
    }
  }

  /** The host went away. */
  hangUp(): void {
    this.lines.end();
  }
}
