// The run registry: one active run per device (reserved before the slow part of a start), any
// number of devices, ended runs kept for a while and then forgotten.
import { describe, expect, it } from 'vitest';
import type { ManagedRun } from '../../../../src/main/features/agent/managed-run';
import { RunRegistry } from '../../../../src/main/features/agent/run-registry';

/** Just what the registry reads of a run. */
function fakeRun(runId: string, serial: string, task = 'a task'): ManagedRun & { end(): void } {
  const run = { runId, serial, active: true, info: { task }, end() { run.active = false; } };
  return run as unknown as ManagedRun & { end(): void };
}

describe('RunRegistry', () => {
  it('refuses a second reservation of a device, while starting and while running', () => {
    const r = new RunRegistry();
    r.reserve('a');
    expect(() => r.reserve('a')).toThrow(/already working on a \(a task that is starting\)/);
    r.reserve('b');
    const run = fakeRun('run-1', 'a', 'Turn on Wi-Fi');
    r.add(run);
    expect(() => r.reserve('a')).toThrow(/already working on a \(the task "Turn on Wi-Fi"\)/);
    run.end();
    r.release(run);
    expect(() => r.reserve('a')).not.toThrow();
  });

  it('a cancelled reservation frees the device; a cancel never frees a running run', () => {
    const r = new RunRegistry();
    r.reserve('a');
    r.cancel('a');
    r.reserve('a');
    r.add(fakeRun('run-1', 'a'));
    r.cancel('a');
    expect(() => r.reserve('a')).toThrow();
  });

  it('answers by id, refuses ended runs for control, and forgets the oldest ended runs beyond 20', () => {
    const r = new RunRegistry();
    const runs = Array.from({ length: 25 }, (_, i) => fakeRun(`run-${i}`, `s${i}`));
    for (const run of runs) {
      r.reserve(run.serial);
      r.add(run);
    }
    expect(r.list()).toHaveLength(25);
    runs[0].end();
    expect(() => r.active('run-0')).toThrow(/already ended/);
    for (const run of runs) {
      run.end();
      r.release(run);
    }
    expect(r.list().map((x) => x.runId)).toEqual(runs.slice(5).map((x) => x.runId));
    expect(() => r.get('run-0')).toThrow(/No agent task with id run-0/);
  });
});
