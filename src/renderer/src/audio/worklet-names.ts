// Shared by the recorder (main thread) and the worklet module (audio thread).
export const PCM_PROCESSOR_NAME = 'phonepilot-pcm16k';

/** 16 kHz samples per message: 100 ms, so the level meter moves ten times a second. */
export const CHUNK_SAMPLES = 1600;
