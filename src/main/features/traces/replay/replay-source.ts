// A trace, read for replay: what to do (the plan) and the recorded screens to compare with.
import { AppError } from '../../../../shared/errors';
import type { TraceStore } from '../trace-store';
import { planReplay, type ReplayStep } from './replay-plan';

export interface ReplaySource {
  id: string;
  task: string;
  plan: ReplayStep[];
  readRecorded(name: string): Promise<Uint8Array>;
}

export async function loadReplaySource(store: TraceStore, id: string): Promise<ReplaySource> {
  const opened = await store.open(id);
  const plan = planReplay(opened.view);
  if (plan.length === 0) throw new AppError('validation', `Trace ${id} has no action that can be replayed (nothing was executed on the phone).`);
  return { id, task: opened.view.task, plan, readRecorded: (name) => store.readFile(id, name) };
}
