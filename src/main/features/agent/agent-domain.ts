// The agent area of the app: starts runs (one per device), forwards their events to the UI,
// turns agent.respond into answers for the waiting run, and stops every run on shutdown.
// The phone side is injected (a PhoneFactory) so this glue is tested with a fake phone.
import type { AgentRunEvent } from '../../../shared/agent/events';
import { AppError } from '../../../shared/errors';
import type { Domain, DomainContext } from '../domain';
import type { ManagedRun, RunPublisher } from './managed-run';
import { RunRegistry } from './run-registry';
import { prepareRun, type RunSetupDeps } from './run-setup';

export type AgentDomainDeps = Omit<RunSetupDeps, 'settings' | 'paths' | 'publish'>;

export interface AgentDomain extends Domain {
  readonly registry: RunRegistry;
}

/** Default size of a timeline thumbnail. */
const THUMB_SIDE = 320;

export function createAgentDomain(ctx: DomainContext, deps: AgentDomainDeps): AgentDomain {
  const registry = new RunRegistry();
  const endings = new Set<Promise<unknown>>();
  let disposed = false;

  const publish: RunPublisher = {
    event: (runId: string, serial: string, event: AgentRunEvent) => ctx.bus.emit('agent.event', { runId, serial, event }),
    prompt: (prompt) => ctx.bus.emit('agent.prompt', prompt),
    info: (info) => ctx.bus.emit('agent.run', info),
  };

  function launch(run: ManagedRun): void {
    registry.add(run);
    // The phone is given back however the run ended, even if publishing its end failed.
    const ending = run.start()
      .catch(() => undefined)
      .then(() => run.dispose().catch(() => undefined))
      .finally(() => {
        registry.release(run);
        endings.delete(ending);
      });
    endings.add(ending);
  }

  return {
    name: 'agent',
    registry,
    async dispose() {
      disposed = true;
      await Promise.all(registry.list().map((run) => run.dispose()));
      await Promise.all([...endings]);
    },
    handlers: {
      'agent.start': async (payload) => {
        if (disposed) throw new AppError('unavailable', 'The app is shutting down.');
        registry.reserve(payload.serial);
        try {
          const run = await prepareRun({ ...deps, settings: ctx.settings, paths: ctx.paths, publish }, payload);
          launch(run);
          return { runId: run.runId };
        } catch (error) {
          registry.cancel(payload.serial);
          throw error;
        }
      },
      'agent.pause': async ({ runId }) => {
        registry.active(runId).pause();
        return {};
      },
      'agent.resume': async ({ runId }) => {
        registry.active(runId).resume();
        return {};
      },
      'agent.stop': async ({ runId }) => {
        registry.active(runId).stop();
        return {};
      },
      'agent.addInstruction': async ({ runId, text }) => {
        registry.active(runId).addInstruction(text);
        return {};
      },
      'agent.respond': async (payload) => {
        const run = registry.active(payload.runId);
        if (payload.kind === 'confirm') run.respond(payload.requestId, { kind: 'confirm', approve: payload.approve });
        else if (payload.kind === 'ask') run.respond(payload.requestId, { kind: 'ask', answer: payload.answer });
        else run.respond(payload.requestId, { kind: 'takeOver' });
        return {};
      },
      'agent.list': async () => {
        const runs = registry.list();
        return { runs: runs.map((r) => r.info), prompts: runs.flatMap((r) => (r.prompt ? [r.prompt] : [])) };
      },
      'agent.history': async ({ runId }) => ({ events: registry.get(runId).history }),
      'agent.screenshot': async ({ runId, step, maxSide }) => registry.get(runId).screenshot(step, maxSide ?? THUMB_SIDE),
    },
  };
}
