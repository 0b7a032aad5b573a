import { z } from 'zod';
import { event, request } from '../contract/define';
import { isWhisperLanguage } from './languages';

// The voice domain's part of the app contract, ready to spread into src/shared/contract/index.ts
// (`...voiceRequests`, `...voiceEvents`) with the names added to names.ts. Samples travel as
// base64 16-bit PCM (pcm-codec.ts): 5 s of speech is about 210 KB on the wire.

const MAX_SECONDS = 300;
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64').max(Math.ceil((MAX_SECONDS * 16_000 * 2 * 4) / 3) + 4);
const language = z.string().refine(isWhisperLanguage, 'a whisper language code or "auto"');
const modelId = z.string().min(1).max(64);
const empty = z.object({}).strict();
const serial = z.string().min(1).max(200).optional();

export const TranscriptWire = z.object({
  text: z.string(),
  segments: z.array(z.object({ text: z.string(), startMs: z.number(), endMs: z.number() })),
  language: z.string(),
  modelPath: z.string(),
  durations: z.object({ audioMs: z.number(), prepareMs: z.number(), loadMs: z.number(), inferenceMs: z.number(), totalMs: z.number() }),
});

export const VoiceStatusWire = z.object({
  modelPath: z.string(),
  /** The active model file exists: false means the push-to-talk button offers a download. */
  modelPresent: z.boolean(),
  warm: z.boolean(),
  workerRunning: z.boolean(),
  busy: z.boolean(),
});

const InstalledModelWire = z.object({ fileName: z.string(), path: z.string(), sizeBytes: z.number(), catalogueId: z.string().nullable() });

export const ModelStateWire = z.object({
  catalogue: z.array(z.object({
    id: z.string(), fileName: z.string(), approxBytes: z.number(), sizeLabel: z.string(), sha1: z.string(), multilingual: z.boolean(),
    installed: z.boolean(), partialBytes: z.number(), downloading: z.boolean(),
  })),
  installed: z.array(InstalledModelWire),
  active: z.object({ path: z.string(), present: z.boolean() }).nullable(),
});

export const ModelProgressWire = z.object({
  id: z.string(),
  phase: z.enum(['downloading', 'verifying']),
  receivedBytes: z.number(),
  totalBytes: z.number(),
  resumedFrom: z.number(),
  fraction: z.number().nullable(),
});

export const voiceRequests = {
  /** Recorded speech to text. Language defaults to settings.voice.language. */
  'voice.transcribe': request(
    z.object({
      pcm16: base64, language: language.optional(),
      /** Extra names to bias the spelling toward (kept short: the prompt is capped in main). */
      appNames: z.array(z.string().max(100)).max(100).optional(),
      /** The phone the user is working with: its installed app names become the initial prompt. */
      serial,
    }).strict(),
    TranscriptWire,
  ),
  /** The talk key went down: load the model while the user speaks (and list `serial`'s apps). */
  'voice.warmUp': request(z.object({ serial }).strict(), z.object({ loadMs: z.number() })),
  'voice.status': request(empty, VoiceStatusWire),
  'voice.models.state': request(empty, ModelStateWire),
  /** Resolves when installed and verified; progress arrives as voice.models.progress events. */
  'voice.models.download': request(z.object({ id: modelId }).strict(), InstalledModelWire),
  'voice.models.cancel': request(z.object({ id: modelId }).strict(), z.object({ cancelled: z.boolean() })),
  'voice.models.import': request(z.object({ path: z.string().min(1).max(4096) }).strict(), InstalledModelWire),
  'voice.models.remove': request(z.object({ fileName: z.string().min(1).max(260) }).strict(), z.object({})),
  /** Makes a model active (settings.voice.modelPath) after checking it exists and is ggml. */
  'voice.models.activate': request(z.object({ idOrPath: z.string().min(1).max(4096) }).strict(), InstalledModelWire),
};

export const voiceEvents = {
  'voice.models.progress': event(ModelProgressWire),
};
