import { describe, expect, it } from 'vitest';
import { MODEL_CATALOGUE, findCatalogueModel, isEnglishOnlyModelFile } from '../../../src/shared/voice/catalogue';
import { VoiceError, voiceErrorCode } from '../../../src/shared/voice/errors';
import { AppError } from '../../../src/shared/errors';
import { isWhisperLanguage, languageOptions } from '../../../src/shared/voice/languages';
import { buildInitialPrompt } from '../../../src/shared/voice/prompt';

describe('model catalogue', () => {
  it('lists tiny, base and small in multilingual and English-only flavours with SHA-1 values', () => {
    expect(MODEL_CATALOGUE.map((m) => m.id)).toEqual(['tiny', 'tiny.en', 'base', 'base.en', 'small', 'small.en']);
    for (const m of MODEL_CATALOGUE) {
      expect(m.sha1).toMatch(/^[0-9a-f]{40}$/);
      expect(m.fileName).toBe(`ggml-${m.id}.bin`);
      expect(m.multilingual).toBe(!m.id.endsWith('.en'));
    }
    expect(findCatalogueModel('ggml-base.en.bin')?.id).toBe('base.en');
  });

  it('recognises English-only file names', () => {
    expect(isEnglishOnlyModelFile('ggml-tiny.en.bin')).toBe(true);
    expect(isEnglishOnlyModelFile('ggml-small.en-q5_1.bin')).toBe(true);
    expect(isEnglishOnlyModelFile('ggml-base.bin')).toBe(false);
  });
});

describe('languages', () => {
  it('knows auto, zh, en, pt and the rest, and rejects typos', () => {
    for (const code of ['auto', 'zh', 'en', 'pt', 'yue', 'haw']) expect(isWhisperLanguage(code)).toBe(true);
    expect(isWhisperLanguage('english')).toBe(false);
    expect(languageOptions().slice(0, 4).map((o) => o.code)).toEqual(['auto', 'zh', 'en', 'pt']);
    expect(languageOptions()).toHaveLength(101);
  });
});

describe('buildInitialPrompt', () => {
  it('joins deduplicated app names and stops on a whole name at the budget', () => {
    expect(buildInitialPrompt(['WeChat', ' Alipay ', 'wechat', '', 'Settings'])).toBe('WeChat, Alipay, Settings.');
    expect(buildInitialPrompt(['Alpha', 'Bravo', 'Charlie'], { maxChars: 13 })).toBe('Alpha, Bravo.');
    expect(buildInitialPrompt([], { prefix: 'Apps: ' })).toBe('Apps: ');
  });
});

describe('VoiceError', () => {
  it('keeps voiceCode and hint through an error envelope', () => {
    const error = new VoiceError('model_missing', 'No model.', 'Download one.');
    expect(error.code).toBe('not_found');
    const rebuilt = AppError.fromEnvelope(error.toEnvelope());
    expect(voiceErrorCode(rebuilt)).toBe('model_missing');
    expect(rebuilt.details?.hint).toBe('Download one.');
    expect(voiceErrorCode(new Error('x'))).toBeUndefined();
  });
});

describe('PCM base64 codec', () => {
  it('round-trips samples through 16-bit PCM and matches Node base64', async () => {
    const { decodePcm16Base64, encodePcm16Base64 } = await import('../../../src/shared/voice/pcm-codec');
    for (const length of [0, 1, 2, 3, 1000, 16001]) {
      const samples = Float32Array.from({ length }, (_, i) => Math.sin(i / 3) * 0.9);
      const text = encodePcm16Base64(samples);
      const int16 = Int16Array.from(samples, (s) => Math.round(s * 32767));
      expect(text).toBe(Buffer.from(int16.buffer).toString('base64'));
      const back = decodePcm16Base64(text);
      expect(back.length).toBe(length);
      for (let i = 0; i < length; i++) expect(Math.abs(back[i] - samples[i])).toBeLessThan(1e-4);
    }
    expect(() => decodePcm16Base64('AA==')).toThrow(/whole 16-bit samples/);
    expect(() => decodePcm16Base64('A*==')).toThrow(/Invalid base64/);
  });
});
