import { describe, expect, it } from 'vitest';
import { REDACTED, scrubDeep, scrubText } from '../../../src/shared/traces/secret-scrub';

describe('secret scrubbing', () => {
  it.each([
    ['OpenAI key', 'use sk-proj-AbCdEf0123456789xyzXYZ now', 'use [redacted] now'],
    ['Anthropic key', 'sk-ant-api03-abcdefghijklmnop_qrst', '[redacted]'],
    ['Google key', 'AIzaSyA1234567890abcdefghijklmnopqrstu', '[redacted]'],
    ['GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', '[redacted]'],
    ['Hugging Face token', 'hf_abcdefghijklmnopqrstuvwxyz', '[redacted]'],
    ['AWS key id', 'AKIAABCDEFGHIJKLMNOP', '[redacted]'],
    ['JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', '[redacted]'],
    ['bearer header', 'Authorization: Bearer abc.def-123456', 'Authorization: Bearer [redacted]'],
    ['query key', 'https://host/v1?key=AbC123&x=1', 'https://host/v1?key=[redacted]&x=1'],
    ['query api_key', 'https://host/v1?a=1&api_key=zzz999', 'https://host/v1?a=1&api_key=[redacted]'],
    ['URL password', 'https://bob:s3cr3t@proxy.example/v1', 'https://[redacted]@proxy.example/v1'],
    ['JSON api key', '{"apiKey": "abcd1234efgh"}', '{"apiKey": "[redacted]"}'],
    ['password assignment', 'password=hunter22', 'password=[redacted]'],
  ])('redacts a %s', (_name, input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it('leaves ordinary text, coordinates and short words alone', () => {
    const text = 'Tap at 540, 1200. Skip the ad; the key to success is patience. ask-me sk-short';
    expect(scrubText(text)).toBe(text);
  });

  it('redacts known secrets wherever they appear, even without a known shape', () => {
    expect(scrubText('note: my-gateway-pass-991 and again my-gateway-pass-991', ['my-gateway-pass-991'])).toBe('note: [redacted] and again [redacted]');
    expect(scrubText('a.b+c', ['a.b+c'])).toBe(REDACTED); // regex characters in a secret are literal
  });

  it('deep-scrubs objects: secret-named keys lose their value, every string is scrubbed', () => {
    const out = scrubDeep({ settings: { apiKey: 'whatever', maxSteps: 5, nested: [{ Authorization: 1 }, 'sk-0123456789abcdefghij'] }, ok: true });
    expect(out).toEqual({ settings: { apiKey: REDACTED, maxSteps: 5, nested: [{ Authorization: REDACTED }, REDACTED] }, ok: true });
  });
});
