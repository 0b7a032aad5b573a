// The traces area of the app: the history (list, open, screenshots, delete), the retention
// setting (applied at start, after each task and when the setting changes), export (download
// or the exports folder), chunked import, and replays of traces on phones. Which traces are
// still being written is learned from the agent's own `agent.run` events, so this domain needs
// nothing from the agent's internals.
import { join } from 'node:path';
import type { AgentRunInfo } from '../../../shared/contract/agent';
import type { ReplayInfo } from '../../../shared/contract/traces';
import { AppError } from '../../../shared/errors';
import { queryTraces } from '../../../shared/traces/query';
import type { Domain, DomainContext } from '../domain';
import { exportAsDownload, exportFileName, exportToFile } from './export-delivery';
import { downscaleImage } from './image-downscale';
import { DEFAULT_THRESHOLD } from './replay/screen-compare';
import { loadReplaySource } from './replay/replay-source';
import { ReplaySession, type ReplayOperatorLease } from './replay/replay-session';
import { policyFromSetting } from './retention-setting';
import { TraceStore } from './trace-store';
import { UploadBuffer } from './upload-buffer';

/** The phone for a replay (the app builds it from the devices and mirror domains). */
export type ReplayOperatorFactory = (serial: string) => Promise<ReplayOperatorLease>;

export interface TracesDomainDeps {
  operators?: ReplayOperatorFactory;
}

export interface TracesDomain extends Domain {
  readonly store: TraceStore;
}

const DEFAULT_IMAGE_SIDE = 1280;
/** Ended replays kept for `replay.list` (a reloaded window shows the last outcomes). */
const KEEP_ENDED_REPLAYS = 10;
/** Task settings key linking a trace to the one it re-ran (the agent writes it in the task event). */
export const RERUN_OF_SETTING = 'rerunOf';

export function createTracesDomain(ctx: DomainContext, deps: TracesDomainDeps = {}): TracesDomain {
  /** Agent runs still writing their trace: run id -> device serial. */
  const live = new Map<string, string>();
  const store = new TraceStore({ dir: ctx.paths.tracesDir, isLive: (id) => live.has(id), secrets: () => ctx.settings.storedApiKeys() });
  const uploads = new UploadBuffer(join(ctx.paths.dataDir, '.uploads'));
  const exportsDir = join(ctx.paths.dataDir, 'exports');
  const scratchDir = join(ctx.paths.dataDir, '.export-scratch');
  const replays = new Map<string, ReplaySession>();
  const busySerials = new Set<string>();
  const cleanups: Array<() => void> = [];
  let retentionChain: Promise<unknown> = Promise.resolve();
  let disposed = false;

  const publishReplay = (info: ReplayInfo) => { if (!disposed) ctx.bus.emit('replay.changed', info); };

  /** Serialized: a task ending while the setting changes must not delete twice. */
  function applyRetention(): Promise<unknown> {
    retentionChain = retentionChain.then(async () => {
      const policy = policyFromSetting(ctx.settings.get().traces);
      if (!policy || disposed) return;
      const { deleted } = await store.applyRetention(policy);
      if (deleted.length && !disposed) ctx.bus.emit('traces.changed', { reason: 'retention' });
    }).catch((error: unknown) => {
      if (!disposed) ctx.bus.emit('app.notice', { level: 'warning', message: `Old traces could not be deleted: ${(error as Error).message}` });
    });
    return retentionChain;
  }

  async function onRun(info: AgentRunInfo): Promise<void> {
    if (info.outcome === null) {
      live.set(info.runId, info.serial);
      return;
    }
    if (!live.delete(info.runId)) return;
    // The task ended: cache its summary now, so the history never re-reads its events.
    await store.writeSummary(info.runId).catch(() => undefined);
    await applyRetention();
    if (!disposed) ctx.bus.emit('traces.changed', { reason: 'task' });
  }

  function forgetOldReplays(): void {
    const ended = [...replays.values()].filter((s) => !s.active);
    for (const s of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED_REPLAYS))) replays.delete(s.replayId);
  }

  function replay(replayId: string): ReplaySession {
    const session = replays.get(replayId);
    if (!session) throw new AppError('not_found', `No replay ${replayId}.`);
    return session;
  }

  return {
    name: 'traces',
    store,
    async start() {
      cleanups.push(ctx.bus.subscribe((name, payload) => {
        if (name === 'agent.run') void onRun(payload as AgentRunInfo);
      }));
      let lastSetting = JSON.stringify(ctx.settings.get().traces);
      cleanups.push(ctx.settings.onChange((state) => {
        const next = JSON.stringify(state.settings.traces);
        if (next === lastSetting) return;
        lastSetting = next;
        void applyRetention();
      }));
      // Not awaited: a big history must not hold up the window.
      if (ctx.transport !== 'cli') void applyRetention();
    },
    async dispose() {
      disposed = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
      await Promise.all([...replays.values()].map((s) => s.dispose()));
      await retentionChain;
      await uploads.dispose();
    },
    handlers: {
      'traces.list': async (query) => {
        const all = await store.summaries();
        const devices = new Map<string, { serial: string; model: string }>();
        for (const s of all) if (s.device.serial || s.device.model) devices.set(`${s.device.serial}\n${s.device.model}`, { ...s.device });
        return { ...queryTraces(all, query), devices: [...devices.values()].sort((a, b) => a.model.localeCompare(b.model) || a.serial.localeCompare(b.serial)) };
      },
      'traces.open': async ({ id }) => {
        const opened = await store.open(id);
        const rerunOf = opened.view.settings[RERUN_OF_SETTING];
        return { summary: opened.summary, view: opened.view, rerunOf: typeof rerunOf === 'string' && rerunOf ? rerunOf : null };
      },
      'traces.image': async ({ id, name, maxSide }) => {
        const bytes = await store.readFile(id, name);
        const small = await downscaleImage(bytes, { maxSide: maxSide ?? DEFAULT_IMAGE_SIDE, format: 'jpeg', quality: 80 })
          .catch((error: unknown) => { throw new AppError('validation', `The screenshot ${name} of trace ${id} is damaged: ${(error as Error).message}`); });
        return { dataUrl: `data:${small.mime};base64,${Buffer.from(small.data).toString('base64')}`, width: small.width, height: small.height };
      },
      'traces.delete': async ({ id }) => {
        const result = await store.delete(id);
        ctx.bus.emit('traces.changed', { reason: 'deleted' });
        return result;
      },
      'traces.retentionPreview': async (setting) => {
        const policy = policyFromSetting(setting);
        const doomed = policy ? await store.previewRetention(policy) : [];
        return { count: doomed.length, bytes: doomed.reduce((n, s) => n + s.bytes, 0), ids: doomed.map((s) => s.id) };
      },
      'traces.export': async ({ id, format, delivery }) => {
        const fileName = exportFileName(id, format);
        if (delivery === 'exports') {
          const path = join(exportsDir, fileName);
          const bytes = await exportToFile(store, id, format, path);
          return { fileName, bytes, path, streamId: null };
        }
        const { streamId, bytes } = await exportAsDownload(store, ctx.streams, id, format, scratchDir);
        return { fileName, bytes, path: null, streamId };
      },
      'traces.importChunk': async ({ uploadId, offset, data, final }) => {
        const received = await uploads.append(uploadId, offset, data);
        if (!final) return { received, imported: null };
        try {
          const r = await store.importBundle(uploads.fileOf(uploadId));
          ctx.bus.emit('traces.changed', { reason: 'imported' });
          return { received, imported: { id: r.id, renamedFrom: r.renamedFrom ?? null, events: r.events, files: r.files } };
        } finally {
          await uploads.discard(uploadId);
        }
      },
      'replay.start': async ({ id, serial, speed, threshold }) => {
        if (disposed) throw new AppError('unavailable', 'The app is shutting down.');
        if (!deps.operators) throw new AppError('unavailable', 'Replay needs phone control, which this build of the app does not have.');
        if (busySerials.has(serial)) throw new AppError('conflict', `${serial} is already replaying a trace: stop that replay first.`);
        if ([...live.values()].includes(serial)) throw new AppError('conflict', `An agent task is running on ${serial}: stop it before replaying a trace there.`);
        busySerials.add(serial);
        try {
          const source = await loadReplaySource(store, id);
          const lease = await deps.operators(serial);
          const session = new ReplaySession({
            traceId: id, task: source.task, serial, plan: source.plan, readRecorded: source.readRecorded, lease,
            speed: speed ?? 1, threshold: threshold ?? DEFAULT_THRESHOLD, publish: publishReplay,
          });
          replays.set(session.replayId, session);
          forgetOldReplays();
          void session.start().finally(() => busySerials.delete(serial));
          publishReplay(session.info);
          return { replayId: session.replayId };
        } catch (error) {
          busySerials.delete(serial);
          throw error;
        }
      },
      'replay.stop': async ({ replayId }) => {
        replay(replayId).stop();
        return {};
      },
      'replay.confirm': async ({ replayId, approve }) => {
        replay(replayId).confirm(approve);
        return {};
      },
      'replay.list': async () => ({ replays: [...replays.values()].map((s) => s.info) }),
    },
  };
}
