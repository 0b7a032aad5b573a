// The intermediate language as a model sees it. One schema (src/shared/agent/intermediate.ts)
// is the table: the OpenAI tools, the JSON-object form's instructions and the parser are all
// derived from it, so what planners are offered and what PhonePilot accepts cannot drift apart.
// The parser forgives what real models do (numbers and objects sent as strings, the call wrapped
// as {"name", "arguments"} or in prose) and refuses what it cannot use, with a reason the planner
// can act on.
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { IntermediateActionSchema, type IntermediateAction, type IntermediateActionName } from '../../../shared/agent/intermediate';
import { ParseError } from '../protocols/parse-error';

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; description?: string; enum?: string[]; [k: string]: unknown };

interface ToolEntry { name: IntermediateActionName; description: string; parameters: JsonSchema; schema: z.ZodType }

const TABLE: readonly ToolEntry[] = IntermediateActionSchema.options.map((option) => {
  const name = option.shape.action.value as IntermediateActionName;
  const fields = (option as unknown as z.ZodObject<Record<string, z.ZodType>>).omit({ action: true });
  const { $schema: _drop, description: _none, ...parameters } = z.toJSONSchema(fields) as JsonSchema;
  return { name, description: option.description ?? name, parameters, schema: option };
});

export const INTERMEDIATE_ACTIONS: readonly IntermediateActionName[] = TABLE.map((t) => t.name);

function entries(names?: readonly IntermediateActionName[]): ToolEntry[] {
  return names ? TABLE.filter((t) => names.includes(t.name)) : [...TABLE];
}

/** The actions as OpenAI function-calling tools (all of them, or the ones a planner mode offers). */
export function intermediateTools(names?: readonly IntermediateActionName[]): ChatCompletionFunctionTool[] {
  return entries(names).map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));
}

/** The same actions for a prompt, for endpoints without tool calling: one JSON object per action. */
export function jsonFormReference(names?: readonly IntermediateActionName[]): string {
  return entries(names).map((t) => {
    const props = Object.entries(t.parameters.properties ?? {}).map(([k, p]) => {
      const optional = !(t.parameters.required ?? []).includes(k);
      return `"${k}"${optional ? '?' : ''}: ${typeOf(p)}`;
    });
    return `{"action": "${t.name}"${props.length ? `, ${props.join(', ')}` : ''}}  // ${t.description}`;
  }).join('\n');
}

function typeOf(p: JsonSchema): string {
  if (p.enum) return p.enum.map((e) => JSON.stringify(e)).join('|');
  if (p.type === 'object') return `{${Object.entries(p.properties ?? {}).map(([k, v]) => `"${k}"?: ${typeOf(v)}`).join(', ')}}`;
  return p.type === 'integer' ? 'integer' : p.type ?? 'value';
}

/** One call (a tool call's name and arguments, or a JSON object's fields) -> an action. */
export function parseIntermediateCall(name: string, args: unknown, raw: string): IntermediateAction {
  const entry = TABLE.find((t) => t.name === name.trim().toLowerCase());
  if (!entry) throw new ParseError(`unknown action "${name}"; use one of ${INTERMEDIATE_ACTIONS.join(', ')}`, raw);
  const obj = typeof args === 'string' ? parseJsonObject(args, raw) : args;
  if (obj !== undefined && (typeof obj !== 'object' || obj === null || Array.isArray(obj))) throw new ParseError(`the arguments of ${entry.name} are not an object`, raw);
  const fields = coerce(entry.parameters, { ...(obj as Record<string, unknown> | undefined) });
  const result = entry.schema.safeParse({ ...fields, action: entry.name });
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${[entry.name, ...i.path.map(String)].join('.')}: ${i.message}`);
    throw new ParseError(problems.join('; '), raw);
  }
  return result.data as IntermediateAction;
}

/**
 * The JSON-object form in a reply's text: one action `{"action": "tap", ...}` (or the
 * `{"name": ..., "arguments": ...}` shape), or a list of them (`[...]` or `{"plan": [...]}`).
 */
export function parseIntermediateText(text: string): IntermediateAction[] {
  return jsonItems(text).map((item) => parseIntermediateItem(item, text));
}

/** The JSON objects of a reply (one, or a list as `[...]`, `{"plan": [...]}` or `{"steps": [...]}`). */
export function jsonItems(text: string): Record<string, unknown>[] {
  const json = extractJson(text);
  if (json === undefined) throw new ParseError('no JSON action in the reply; answer with one JSON object such as {"action": "tap", "target": "..."}', text);
  let value: unknown;
  try { value = JSON.parse(json); } catch { value = parseJsonLoosely(json, text); }
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.plan) ? value.plan : isObject(value) && Array.isArray(value.steps) ? value.steps : [value];
  if (list.length === 0) throw new ParseError('the list of actions is empty', text);
  return list.map((item: unknown) => {
    if (!isObject(item)) throw new ParseError('each action must be a JSON object', text);
    return item;
  });
}

/** The name of a JSON action (`action`, `name` or `tool`), or undefined. */
export function itemName(item: Record<string, unknown>): string | undefined {
  const name = item.action ?? item.name ?? item.tool;
  return typeof name === 'string' ? name : undefined;
}

/** The arguments of a JSON action: its `arguments` field, or its other fields. */
export function itemArgs(item: Record<string, unknown>, drop: string[] = []): unknown {
  return isObject(item.arguments) || typeof item.arguments === 'string' ? item.arguments : withoutKeys(item, ['action', 'name', 'tool', ...drop]);
}

export function parseIntermediateItem(item: Record<string, unknown>, raw: string, drop: string[] = []): IntermediateAction {
  const name = itemName(item);
  if (name === undefined) throw new ParseError(`a JSON action needs "action": one of ${INTERMEDIATE_ACTIONS.join(', ')}`, raw);
  return parseIntermediateCall(name, itemArgs(item, drop), raw);
}

/**
 * Plan mode's one tool: a list of actions, each an action of the table with its own fields and
 * an optional `expect`, derived from the same table as the step tools.
 */
export function planTool(): ChatCompletionFunctionTool {
  const properties: Record<string, JsonSchema> = { action: { type: 'string', enum: [...INTERMEDIATE_ACTIONS], description: 'Which action.' } };
  for (const t of TABLE) for (const [k, v] of Object.entries(t.parameters.properties ?? {})) properties[k] ??= v;
  properties.expect = { type: 'string', description: 'Words that must be on the screen before this step; when they are not, PhonePilot asks for a new plan.' };
  return {
    type: 'function',
    function: {
      name: 'plan',
      description: 'The actions to carry out one after another. Each step takes the fields of its action (see the field descriptions).',
      parameters: {
        type: 'object',
        properties: { steps: { type: 'array', minItems: 1, items: { type: 'object', properties, required: ['action'] } } },
        required: ['steps'],
      },
    },
  };
}

/** Numbers, booleans and objects that arrived as strings become what the schema says. */
function coerce(schema: JsonSchema, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null) continue; // "hint": null means no hint
    const p = schema.properties?.[k];
    out[k] = p ? coerceValue(p, v) : v;
  }
  return out;
}

function coerceValue(p: JsonSchema, v: unknown): unknown {
  if (typeof v === 'string') {
    const t = v.trim();
    if ((p.type === 'number' || p.type === 'integer') && t !== '' && Number.isFinite(Number(t))) return Number(t);
    if (p.type === 'boolean' && /^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
    if (p.type === 'object' && t.startsWith('{')) { try { return coerce(p, JSON.parse(t)); } catch { return v; } }
    if (p.enum && !p.enum.includes(v)) return t.toLowerCase().replace(/[\s_]+/g, '-');
  }
  if (p.type === 'object' && isObject(v)) return coerce(p, v);
  return v;
}

function parseJsonObject(s: string, raw: string): unknown {
  if (s.trim() === '') return {};
  try { return JSON.parse(s); } catch { return parseJsonLoosely(s, raw); }
}

/** Single quotes and trailing commas are common in hand-written JSON; nothing more is guessed. */
function parseJsonLoosely(s: string, raw: string): unknown {
  try {
    return JSON.parse(s.replace(/'/g, '"').replace(/,\s*([}\]])/g, '$1'));
  } catch {
    throw new ParseError('the action is not valid JSON', raw);
  }
}

/** The outermost JSON object or array in a text (prose and code fences around it are ignored). */
function extractJson(text: string): string | undefined {
  const start = text.search(/[[{]/);
  if (start < 0) return undefined;
  const open = text[start];
  const close = open === '{' ? '}' : ']';
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === open) depth++;
    else if (ch === close && --depth === 0) return text.slice(start, i + 1);
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function withoutKeys(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}
