import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import type { AgentPrompt, AgentRunInfo } from '../../../shared/contract';
import { useApi } from '../api/client';
import { applyRunEvent, emptyTimeline, type TimelineView } from '../components/agent/timeline';

/** Thumbnail size in the timeline (CSS px are about half of it on a HiDPI screen). */
const THUMB_SIDE = 240;

/**
 * Agent runs as main reports them (one per device, several devices at once): their info, the
 * step timeline folded from their events, the prompts waiting for the user, and the requests
 * that drive them. The task box targets `serial`.
 */
export const useAgent = defineStore('agent', () => {
  const api = useApi();
  const runs = reactive<Record<string, AgentRunInfo>>({});
  const timelines = reactive<Record<string, TimelineView>>({});
  /** Prompts by runId; shown while the run's info names them as pending. */
  const prompts = reactive<Record<string, AgentPrompt>>({});
  const thumbs = reactive<Record<string, string>>({});
  const serial = ref<string | null>(null);
  const error = ref<string | null>(null);
  const starting = ref(false);

  function timelineOf(runId: string): TimelineView {
    return (timelines[runId] ??= emptyTimeline());
  }

  function onInfo(info: AgentRunInfo): void {
    runs[info.runId] = info;
    if (prompts[info.runId] && prompts[info.runId].requestId !== info.pendingPrompt) delete prompts[info.runId];
  }

  // Events can arrive before the run's first info (the run starts streaming at once): the
  // timeline is created on demand and the info fills in when it comes.
  api.on('agent.event', ({ runId, event }) => {
    applyRunEvent(timelineOf(runId), event);
    if (event.kind === 'trace' && event.event.type === 'step_started') void loadThumb(runId, event.event.step);
  });
  api.on('agent.run', onInfo);
  api.on('agent.prompt', (prompt) => {
    prompts[prompt.runId] = prompt;
  });

  /** The run the task panel shows for a device: its newest one. */
  function runFor(deviceSerial: string | null): AgentRunInfo | null {
    if (!deviceSerial) return null;
    let newest: AgentRunInfo | null = null;
    for (const r of Object.values(runs)) if (r.serial === deviceSerial && (!newest || r.startedAt > newest.startedAt)) newest = r;
    return newest;
  }

  /** The prompt a run is waiting on, once both the prompt and the run's info have arrived. */
  function promptFor(runId: string | undefined): AgentPrompt | null {
    if (!runId) return null;
    const p = prompts[runId];
    return p && runs[runId]?.pendingPrompt === p.requestId ? p : null;
  }

  const current = computed(() => runFor(serial.value));
  const active = computed(() => (current.value && current.value.outcome === null ? current.value : null));

  async function load(): Promise<void> {
    const { runs: list, prompts: waiting } = await api.agent.list();
    for (const p of waiting) prompts[p.runId] = p;
    for (const info of list) onInfo(info);
    // A reloaded window: rebuild each timeline from the run's trace events (live ones may interleave).
    await Promise.all(list.map(async (info) => {
      const { events } = await api.agent.history({ runId: info.runId });
      const view = timelineOf(info.runId);
      for (const event of events) {
        applyRunEvent(view, { kind: 'trace', event });
        if (event.type === 'step_started') void loadThumb(info.runId, event.step);
      }
    }));
  }

  async function loadThumb(runId: string, step: number): Promise<void> {
    const key = `${runId}:${step}`;
    if (thumbs[key]) return;
    thumbs[key] = '';
    try {
      thumbs[key] = (await api.agent.screenshot({ runId, step, maxSide: THUMB_SIDE })).dataUrl;
    } catch {
      // The timeline shows the step without its picture (the file may be gone with a full disk).
      delete thumbs[key];
    }
  }

  /** Runs a task on the selected device; the error (busy device, no endpoint) is kept for the panel. */
  async function start(task: string, limits: { maxSteps?: number; timeoutMinutes?: number } = {}): Promise<string | null> {
    if (!serial.value) {
      error.value = 'Pick a phone first.';
      return null;
    }
    starting.value = true;
    error.value = null;
    try {
      const { runId } = await api.agent.start({ serial: serial.value, task, ...limits });
      timelineOf(runId);
      return runId;
    } catch (e) {
      error.value = (e as Error).message;
      return null;
    } finally {
      starting.value = false;
    }
  }

  async function guarded(action: () => Promise<unknown>): Promise<boolean> {
    error.value = null;
    try {
      await action();
      return true;
    } catch (e) {
      error.value = (e as Error).message;
      return false;
    }
  }

  return {
    runs, timelines, prompts, thumbs, serial, error, starting, current, active,
    runFor, promptFor, timelineOf, load, start,
    pause: (runId: string) => guarded(() => api.agent.pause({ runId })),
    resume: (runId: string) => guarded(() => api.agent.resume({ runId })),
    stop: (runId: string) => guarded(() => api.agent.stop({ runId })),
    addInstruction: (runId: string, text: string) => guarded(() => api.agent.addInstruction({ runId, text })),
    approve: (p: AgentPrompt, approve: boolean) => guarded(() => api.agent.respond({ runId: p.runId, requestId: p.requestId, kind: 'confirm', approve })),
    tookOver: (p: AgentPrompt) => guarded(() => api.agent.respond({ runId: p.runId, requestId: p.requestId, kind: 'takeOver' })),
    answer: (p: AgentPrompt, text: string) => guarded(() => api.agent.respond({ runId: p.runId, requestId: p.requestId, kind: 'ask', answer: text })),
  };
});
