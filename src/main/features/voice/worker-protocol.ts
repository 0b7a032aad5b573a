import type { VoiceErrorCode } from '../../../shared/voice/errors';

// Messages between VoiceService (app process) and transcribe-worker (worker process). Every
// request carries an id and gets exactly one reply with the same id.

export type WorkerRequest =
  | { id: number; op: 'load'; modelPath: string }
  | { id: number; op: 'transcribe'; pcm16: ArrayBuffer; language: string; prompt: string; threads: number }
  | { id: number; op: 'abort'; target: number }
  | { id: number; op: 'release' };

export interface WorkerTranscript {
  text: string;
  segments: Array<{ text: string; startMs: number; endMs: number }>;
  language: string;
  inferenceMs: number;
}

export interface WorkerErrorPayload {
  voiceCode: VoiceErrorCode;
  message: string;
  hint: string;
}

export type WorkerReply =
  | { id: number; ok: true; value: { loadMs: number } | WorkerTranscript | null }
  | { id: number; ok: false; error: WorkerErrorPayload };
