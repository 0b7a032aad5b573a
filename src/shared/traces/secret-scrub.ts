// Removes anything that looks like a credential before trace data leaves the machine in a
// shareable file (the HTML export, a bundle). The model client already scrubs the stored keys
// from what the endpoint says, and the writer refuses them; this is the last line of defence,
// for keys nobody was told about: a key typed by the user, a URL with ?key=...
import { SECRET_KEY_PATTERN } from '../agent/trace';
import { KnownSecrets, REDACTED } from '../known-secrets';

export { REDACTED };

/** Value shapes of common credentials. Each match (or its secret group) is replaced. */
export const SECRET_VALUE_PATTERNS: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{16,}/g, // OpenAI / Anthropic / DeepSeek / many OpenAI-compatible hosts
  /\bAIza[0-9A-Za-z_-]{30,}/g, // Google API keys
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g, // GitHub tokens
  /\bhf_[A-Za-z0-9]{20,}/g, // Hugging Face tokens
  /\bAKIA[0-9A-Z]{16}\b/g, // AWS access key ids
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWTs
];

/** Patterns whose first group is kept (the label) and the rest replaced. */
const LABELLED_PATTERNS: readonly RegExp[] = [
  /(\bBearer\s+)[A-Za-z0-9._~+/=-]{6,}/gi,
  /([?&](?:api[_-]?key|key|token|access[_-]?token|secret|password|sig|signature)=)[^&#\s"'<>]+/gi,
  /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@"'<>]+:[^/\s@"'<>]+(?=@)/gi, // user:password@ in URLs
  // "apiKey": "...", password=..., Authorization: Bearer ... (an already redacted value starts with "[").
  /((?:api[_-]?key|authorization|secret|password|access[_-]?token)["']?\s*[:=]\s*["']?(?:Bearer\s+)?)(?!Bearer\b)[^"'\s,;}&[]{4,}/gi,
];

/** Scrubs one string: known secrets (exact), credential shapes, labelled credentials. */
export function scrubText(text: string, knownSecrets: readonly string[] | KnownSecrets = []): string {
  let out = (knownSecrets instanceof KnownSecrets ? knownSecrets : new KnownSecrets(knownSecrets)).redact(text);
  for (const pattern of SECRET_VALUE_PATTERNS) out = out.replace(pattern, REDACTED);
  for (const pattern of LABELLED_PATTERNS) out = out.replace(pattern, (_m, label: string) => `${label}${REDACTED}`);
  return out;
}

/**
 * Deep copy with every string scrubbed and every value under a secret-looking key (the trace
 * schema's SECRET_KEY_PATTERN) replaced, whatever its type.
 */
export function scrubDeep<T>(value: T, secrets: readonly string[] | KnownSecrets = []): T {
  const knownSecrets = secrets instanceof KnownSecrets ? secrets : new KnownSecrets(secrets);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubText(v, knownSecrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) out[k] = SECRET_KEY_PATTERN.test(k) ? REDACTED : walk(inner);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
