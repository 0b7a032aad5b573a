// How the shell unwinds: exit, break/continue, return and errors it reports itself; and the
// descriptors a running command writes to.
import type { ShellOutput } from './command-context';
import type { ShellInput } from './input';

/** Where a running command writes: fd 1, fd 2 and any others a script opened. */
export interface Frame {
  stdin: ShellInput;
  fds: Map<number, ShellOutput>;
}

export const NULL_OUTPUT: ShellOutput = { write() {} };

/** exit N (or the end of `exec cmd`): unwinds to the shell's top. */
export class ExitSignal {
  constructor(readonly status: number) {}
}
/** break N / continue N. */
export class LoopSignal {
  constructor(readonly kind: 'break' | 'continue', public levels: number) {}
}
/** return N from a function or a `.` script. */
export class ReturnSignal {
  constructor(readonly status: number) {}
}
/** A failure the shell reports itself (bad redirection, ${X:?}, bad arithmetic). */
export class ShellError extends Error {
  constructor(message: string, readonly status = 1) {
    super(message);
  }
}

