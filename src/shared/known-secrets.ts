// Exact strings that must never leave the process (the endpoints' API keys), replaced wherever
// they appear: in a whole text, or in text that arrives in pieces (a streamed model reply, where
// a key can be split across two chunks, so the tail that could start a key is held back until
// the next piece shows whether it does).

export const REDACTED = '[redacted]';

/** Shorter strings would match ordinary words; no real key is this short. */
const MIN_SECRET_LENGTH = 4;

export class KnownSecrets {
  private readonly secrets: readonly string[];

  constructor(secrets: Iterable<string | undefined | null> = []) {
    const usable = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))];
    // Longest first: a key that contains another is replaced whole.
    this.secrets = usable.sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.secrets.length;
  }

  /** True when the text contains a known secret. */
  appearsIn(text: string): boolean {
    return this.secrets.some((s) => text.includes(s));
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** A redactor for text that arrives in pieces; what it returns is safe to show at once. */
  stream(): StreamRedactor {
    return new StreamRedactor(this);
  }

  /**
   * Where text that may go on in the next piece can be cut: before its longest end that could
   * start a known secret (a complete key can be the start of a longer one), and never inside a
   * secret it already holds.
   */
  safeCut(text: string): number {
    let cut = text.length;
    for (const secret of this.secrets) {
      for (let n = Math.min(secret.length - 1, text.length); n > text.length - cut; n--) {
        if (text.endsWith(secret.slice(0, n))) {
          cut = text.length - n;
          break;
        }
      }
    }
    for (let moved = true; moved;) {
      moved = false;
      for (const secret of this.secrets) {
        for (let at = text.indexOf(secret); at !== -1 && at < cut; at = text.indexOf(secret, at + 1)) {
          if (at + secret.length > cut) {
            cut = at;
            moved = true;
          }
        }
      }
    }
    return cut;
  }
}

export class StreamRedactor {
  /** Text received and not shown yet (unredacted: what follows decides which key it is). */
  private pending = '';

  constructor(private readonly secrets: KnownSecrets) {}

  /** Takes the next piece; returns the text that can be shown now (possibly ''). */
  push(piece: string): string {
    const text = this.pending + piece;
    const cut = this.secrets.safeCut(text);
    this.pending = text.slice(cut);
    return this.secrets.redact(text.slice(0, cut));
  }

  /** The end of the stream: whatever was held back. */
  flush(): string {
    const rest = this.secrets.redact(this.pending);
    this.pending = '';
    return rest;
  }
}
