// The user in a terminal: sensitive actions are asked y/N when someone can answer (a TTY), and
// denied without --yes otherwise (a script must never pay by accident); Take_over waits for
// Enter; Interact reads one line. Reads share one line reader over stdin.
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { AgentAction } from '../../shared/agent/actions';
import { describeAction } from '../../shared/agent/actions';
import { AppError } from '../../shared/errors';
import type { HumanInTheLoop } from '../../main/agent';

export interface CliHumanOptions {
  input: Readable;
  /** Prompts go here (stderr: stdout may be --json). */
  output: Writable;
  interactive: boolean;
  /** --yes: approve sensitive actions without asking. */
  assumeYes: boolean;
}

export class CliHuman implements HumanInTheLoop {
  private rl: Interface | undefined;
  private readonly lines: string[] = [];
  private readonly waiting: Array<(line: string | undefined) => void> = [];
  private ended = false;

  constructor(private readonly o: CliHumanOptions) {}

  async confirm(step: number, action: AgentAction, reason: string, signal: AbortSignal): Promise<boolean> {
    const what = `Step ${step} wants to: ${describeAction(action)} (${reason})`;
    if (this.o.assumeYes) {
      this.o.output.write(`${what}: approved by --yes\n`);
      return true;
    }
    if (!this.o.interactive) {
      this.o.output.write(`${what}: denied (not an interactive terminal; pass --yes to approve sensitive actions)\n`);
      return false;
    }
    this.o.output.write(`${what}. Allow? [y/N] `);
    const answer = await this.readLine(signal);
    return /^\s*y(es)?\s*$/i.test(answer ?? '');
  }

  async takeOver(message: string, signal: AbortSignal): Promise<void> {
    this.o.output.write(`The agent hands the phone to you: ${message}\nPress Enter when you are done. `);
    if ((await this.readLine(signal)) === undefined) throw new AppError('cancelled', 'Nobody took over the phone (input closed).');
  }

  async ask(question: string, signal: AbortSignal): Promise<string> {
    this.o.output.write(`The agent asks: ${question}\n> `);
    const answer = await this.readLine(signal);
    if (answer === undefined) throw new AppError('cancelled', 'Nobody answered the agent\'s question (input closed).');
    return answer;
  }

  dispose(): void {
    this.rl?.close();
    this.rl = undefined;
  }

  private readLine(signal: AbortSignal): Promise<string | undefined> {
    this.start();
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = this.waiting.indexOf(deliver);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal.reason);
      };
      const deliver = (line: string | undefined) => {
        signal.removeEventListener('abort', onAbort);
        resolve(line);
      };
      this.waiting.push(deliver);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private start(): void {
    if (this.rl || this.ended) return;
    this.rl = createInterface({ input: this.o.input, terminal: false });
    this.rl.on('line', (line) => {
      const next = this.waiting.shift();
      if (next) next(line); else this.lines.push(line);
    });
    this.rl.on('close', () => {
      this.ended = true;
      for (const w of this.waiting.splice(0)) w(undefined);
    });
  }
}
