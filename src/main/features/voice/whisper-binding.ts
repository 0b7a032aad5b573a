import { createRequire } from 'node:module';

// @fugood/whisper.node picks its native package by name: '@fugood/node-whisper-<platform>-<arch>'
// plus '-vulkan' or '-cuda' when a variant is asked for. We always ask for 'default', the CPU
// build: it has no GPU runtime dependency and loads everywhere; GPU variants are opt-in later.

export interface WhisperJob<T> { stop(): Promise<void>; promise: Promise<T> }

export interface NativeTranscript {
  result: string;
  language?: string;
  isAborted: boolean;
  segments: Array<{ text: string; t0: number; t1: number }>;
}

export interface NativeWhisperContext {
  transcribeData(pcm16: ArrayBuffer, options: { language?: string; prompt?: string; maxThreads?: number }): WhisperJob<NativeTranscript>;
  release(): Promise<void>;
}

// Native log lines are left on stderr (whisper.cpp's default): the binding's log routing to JS
// (toggleNativeLog) uses one process-wide thread-safe function that aborts its process when
// torn down with lines still queued.
interface WhisperNodeApi {
  initWhisper(options: { filePath: string; useGpu?: boolean }, variant?: 'default' | 'vulkan' | 'cuda'): Promise<NativeWhisperContext>;
}

// CommonJS package: require it rather than import so bundled and unbundled code see the same shape.
const require = createRequire(import.meta.url);

export function loadWhisperApi(): WhisperNodeApi {
  return require('@fugood/whisper.node') as WhisperNodeApi;
}

export function initCpuContext(api: WhisperNodeApi, modelPath: string): Promise<NativeWhisperContext> {
  return api.initWhisper({ filePath: modelPath, useGpu: false }, 'default');
}
