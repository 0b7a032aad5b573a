// What the agent decided to do, in DEVICE PIXELS of the current orientation. Every protocol
// adapter (AutoGLM, UI-TARS, generic tools) produces this one type, so the executor, the
// overlay, the trace and replay never see a model's coordinate system.

export interface Point { x: number; y: number }

export type AgentAction =
  /** `sensitive`: the model flagged this tap (payment, delete...): the user must confirm it first. */
  | { type: 'tap'; x: number; y: number; sensitive?: string }
  | { type: 'double_tap'; x: number; y: number }
  | { type: 'long_press'; x: number; y: number; durationMs?: number }
  | { type: 'swipe'; x1: number; y1: number; x2: number; y2: number; durationMs: number }
  /** Clear the focused field, then type `text` (any Unicode). `submit`: press Enter afterwards; `sensitive`: confirm first. */
  | { type: 'type'; text: string; submit?: boolean; sensitive?: string }
  /** Open an app by its display name (or package name). */
  | { type: 'launch'; app: string }
  | { type: 'back' }
  | { type: 'home' }
  /** The app switcher (KEYCODE_APP_SWITCH). */
  | { type: 'recents' }
  /** The Enter key on its own (KEYCODE_ENTER). */
  | { type: 'enter' }
  | { type: 'wait'; ms: number }
  /** Hand control to the user (login, captcha); the run resumes when they say so. */
  | { type: 'take_over'; message: string }
  /** The model needs an answer or a choice from the user. */
  | { type: 'interact'; question?: string }
  /** Bookkeeping: the model records something it saw. */
  | { type: 'note'; message: string }
  /** Bookkeeping: the model asks for a summary/computation of what it noted. */
  | { type: 'call_api'; instruction: string }
  | { type: 'finish'; message: string };

export type AgentActionType = AgentAction['type'];

export const AGENT_ACTION_TYPES: readonly AgentActionType[] = [
  'tap', 'double_tap', 'long_press', 'swipe', 'type', 'launch', 'back', 'home', 'recents', 'enter', 'wait',
  'take_over', 'interact', 'note', 'call_api', 'finish',
];

/** One model turn, parsed: the action plus the model's reasoning and its raw text. */
export interface AgentDecision {
  action: AgentAction;
  /** The model's reasoning (AutoGLM <think>, UI-TARS Thought:, generic content). */
  thought: string;
  /** The model's reply exactly as received (tool calls serialized as JSON for the generic protocol). */
  raw: string;
  /** Set-of-marks element the model named, when it did. */
  element?: number;
}

/** Actions that touch the screen at a point: the overlay draws these, the loop guard compares them. */
export function actionPoint(action: AgentAction): Point | undefined {
  switch (action.type) {
    case 'tap': case 'double_tap': case 'long_press': return { x: action.x, y: action.y };
    case 'swipe': return { x: action.x1, y: action.y1 };
    default: return undefined;
  }
}

/** True for actions that change nothing on the phone and need no execution. */
export function isBookkeeping(action: AgentAction): boolean {
  return action.type === 'note' || action.type === 'call_api';
}

/** A short human-readable line for timelines and logs (no secrets can be in an action). */
export function describeAction(action: AgentAction): string {
  switch (action.type) {
    case 'tap': return `Tap (${action.x}, ${action.y})${action.sensitive ? ` [confirm: ${action.sensitive}]` : ''}`;
    case 'double_tap': return `Double tap (${action.x}, ${action.y})`;
    case 'long_press': return `Long press (${action.x}, ${action.y})`;
    case 'swipe': return `Swipe (${action.x1}, ${action.y1}) -> (${action.x2}, ${action.y2}) in ${action.durationMs} ms`;
    case 'type': return `Type "${action.text}"${action.submit ? ' + Enter' : ''}${action.sensitive ? ` [confirm: ${action.sensitive}]` : ''}`;
    case 'launch': return `Launch ${action.app}`;
    case 'back': return 'Back';
    case 'home': return 'Home';
    case 'recents': return 'Recent apps';
    case 'enter': return 'Enter';
    case 'wait': return `Wait ${action.ms} ms`;
    case 'take_over': return `Hand over to the user: ${action.message}`;
    case 'interact': return `Ask the user${action.question ? `: ${action.question}` : ''}`;
    case 'note': return `Note: ${action.message}`;
    case 'call_api': return `Call API: ${action.instruction}`;
    case 'finish': return `Finish: ${action.message}`;
  }
}
