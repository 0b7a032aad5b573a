// PhonePilot's intermediate language (docs/intermediate-interface.md): what a planner says to do,
// in words. `target` describes an element in the user's or the screen's language; a grounder
// finds it. The tool names and parameters are a public interface: planners are prompted with
// them and traces keep them, so a trace replays by description on another phone.
import { z } from 'zod';
import { TARGET_ROLES } from '../ui-tree/elements';

export const TARGET_REGIONS = ['top', 'bottom', 'left', 'right', 'top-left', 'top-right', 'bottom-left', 'bottom-right', 'center'] as const;
export type TargetRegion = typeof TARGET_REGIONS[number];
export { TARGET_ROLES, type TargetRole } from '../ui-tree/elements';

export const SWIPE_DIRECTIONS = ['up', 'down', 'left', 'right'] as const;
export type SwipeDirection = typeof SWIPE_DIRECTIONS[number];

export const PRESS_KEYS = ['back', 'home', 'recents', 'enter'] as const;
export type PressKey = typeof PRESS_KEYS[number];

export const TargetHintSchema = z.object({
  ordinal: z.number().int().min(-50).max(50).refine((n) => n !== 0, 'ordinal 0 does not exist: 1 is the first, -1 the last').optional()
    .describe('Which one of several alike elements, in reading order: 1 the first, 2 the second, -1 the last.'),
  region: z.enum(TARGET_REGIONS).optional().describe('Where on the screen the element is.'),
  role: z.enum(TARGET_ROLES).optional().describe('What kind of element it is.'),
}).describe('Optional: tells alike elements apart.');
export type TargetHint = z.infer<typeof TargetHintSchema>;

const target = z.string().trim().min(1).max(300)
  .describe('The element in words, as it reads on the screen or as a person would say it: "Wi-Fi switch", "搜索框", "the second contact".');
const sensitive = z.string().trim().min(1).max(300)
  .describe('Set when the action cannot be undone or costs money or privacy (pay, delete, send private data): the reason shown to the user, who must confirm first.');
const direction = z.enum(SWIPE_DIRECTIONS);

export const IntermediateActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('tap'), target, hint: TargetHintSchema.optional(), sensitive: sensitive.optional() })
    .describe('Tap an element.'),
  z.object({ action: z.literal('long_press'), target, hint: TargetHintSchema.optional() })
    .describe('Press and hold an element (menus, copy).'),
  z.object({
    action: z.literal('type'), text: z.string().max(5000).describe('The text to enter; the field is cleared first.'),
    target: target.optional().describe('The field to type into; omit to type into the field that has focus.'),
    submit: z.boolean().optional().describe('Press Enter afterwards (search, send).'),
    sensitive: sensitive.optional(),
  }).describe('Type text into a field.'),
  z.object({
    action: z.literal('swipe'), direction: direction.describe('The way the finger moves: up shows what is below.'),
    target: target.optional().describe('The list or area to swipe on; omit for the main content.'),
  }).describe('Swipe (scroll) once.'),
  z.object({
    action: z.literal('scroll_to'), target: target.describe('The element to bring into view.'),
    direction: direction.optional().describe('Which way to scroll while looking (default down: the finger moves up).'),
  }).describe('Scroll until an element is visible (it is not tapped).'),
  z.object({ action: z.literal('launch'), app: z.string().trim().min(1).max(200).describe('The app\'s name as the phone shows it, or its package name.') })
    .describe('Open an app.'),
  z.object({ action: z.literal('press'), key: z.enum(PRESS_KEYS).describe('back, home, recents (the app switcher) or enter.') })
    .describe('Press a system key.'),
  z.object({ action: z.literal('wait'), seconds: z.number().min(0).max(60).describe('How long, at most 60.') })
    .describe('Wait for something to load.'),
  z.object({ action: z.literal('ask_user'), question: z.string().trim().min(1).max(2000).describe('The question, in the user\'s language.') })
    .describe('Ask the user when the task leaves a choice open or information is missing.'),
  z.object({ action: z.literal('take_over'), reason: z.string().trim().min(1).max(2000).describe('What the user should do (log in, solve a captcha).') })
    .describe('Hand the phone to the user for a step only they can do; continue when they are done.'),
  z.object({ action: z.literal('finish'), answer: z.string().max(5000).describe('The result or the answer, or why the task cannot be done.') })
    .describe('The task is done (or impossible).'),
]);
export type IntermediateAction = z.infer<typeof IntermediateActionSchema>;
export type IntermediateActionName = IntermediateAction['action'];

/** The element description an action must ground, if any. */
export function actionTarget(action: IntermediateAction): { target: string; hint?: TargetHint } | undefined {
  switch (action.action) {
    case 'tap': case 'long_press': return { target: action.target, ...(action.hint ? { hint: action.hint } : {}) };
    case 'type': case 'swipe': return action.target !== undefined ? { target: action.target } : undefined;
    case 'scroll_to': return { target: action.target };
    default: return undefined;
  }
}

/** One line for timelines: `Tap "Submit order"`, `Type "hi" in "Search"`, `Press back`. */
export function describeIntermediate(action: IntermediateAction): string {
  const q = (s: string) => JSON.stringify(s);
  const hint = (h?: TargetHint) => {
    if (!h) return '';
    const parts = [h.ordinal !== undefined ? `#${h.ordinal}` : '', h.region ?? '', h.role ?? ''].filter(Boolean);
    return parts.length ? ` (${parts.join(', ')})` : '';
  };
  switch (action.action) {
    case 'tap': return `Tap ${q(action.target)}${hint(action.hint)}${action.sensitive ? ` [confirm: ${action.sensitive}]` : ''}`;
    case 'long_press': return `Long press ${q(action.target)}${hint(action.hint)}`;
    case 'type': return `Type ${q(action.text)}${action.target ? ` in ${q(action.target)}` : ''}${action.submit ? ' + Enter' : ''}${action.sensitive ? ` [confirm: ${action.sensitive}]` : ''}`;
    case 'swipe': return `Swipe ${action.direction}${action.target ? ` on ${q(action.target)}` : ''}`;
    case 'scroll_to': return `Scroll to ${q(action.target)}${action.direction ? ` (${action.direction})` : ''}`;
    case 'launch': return `Launch ${action.app}`;
    case 'press': return `Press ${action.key}`;
    case 'wait': return `Wait ${action.seconds} s`;
    case 'ask_user': return `Ask the user: ${action.question}`;
    case 'take_over': return `Hand over to the user: ${action.reason}`;
    case 'finish': return `Finish: ${action.answer}`;
  }
}
