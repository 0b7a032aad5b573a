import { describe, expect, it } from 'vitest';
import { KnownSecrets, REDACTED } from '../../../src/shared/known-secrets';

describe('KnownSecrets', () => {
  const known = new KnownSecrets(['sk-abcdefgh12345678', 'abc', undefined, 'sk-abcdefgh12345678-longer']);

  it('replaces every occurrence, the longer of two overlapping keys whole, and ignores too-short strings', () => {
    expect(known.size).toBe(2);
    expect(known.redact('x sk-abcdefgh12345678 y sk-abcdefgh12345678-longer abc')).toBe(`x ${REDACTED} y ${REDACTED} abc`);
    expect(known.appearsIn('nothing here')).toBe(false);
  });

  it.each([1, 2, 3, 7, 100])('redacts a key split into pieces of %i characters, and shows everything else', (size) => {
    const text = 'before sk-abcdefgh12345678 middle sk-abcdefgh12345678-longer after sk-abc';
    const stream = known.stream();
    const shown: string[] = [];
    for (let i = 0; i < text.length; i += size) shown.push(stream.push(text.slice(i, i + size)));
    shown.push(stream.flush());
    for (const piece of shown) expect(piece).not.toContain('sk-abcdefgh1');
    expect(shown.join('')).toBe(`before ${REDACTED} middle ${REDACTED} after sk-abc`);
  });
});
