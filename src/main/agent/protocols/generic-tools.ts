// The action set as OpenAI function-calling tools, for vision models without a trained phone
// syntax. Points are either a set-of-marks element number or pixels of the screenshot shown.
import type { ChatCompletionTool } from 'openai/resources/chat/completions';

const point = {
  element: { type: 'integer', description: 'Number of a marked element on the screenshot (preferred when the target is marked).' },
  x: { type: 'number', description: 'X in pixels of the screenshot image.' },
  y: { type: 'number', description: 'Y in pixels of the screenshot image.' },
} as const;

function tool(name: string, description: string, properties: Record<string, unknown> = {}, required: string[] = []): ChatCompletionTool {
  return { type: 'function', function: { name, description, parameters: { type: 'object', properties, required, additionalProperties: false } } };
}

export const GENERIC_TOOLS: ChatCompletionTool[] = [
  tool('tap', 'Tap an element or a point.', {
    ...point,
    confirm_reason: { type: 'string', description: 'Set for irreversible actions (payment, deletion, sending private data): the user must confirm first.' },
  }),
  tool('double_tap', 'Double tap an element or a point.', point),
  tool('long_press', 'Long press an element or a point.', point),
  tool('swipe', 'Swipe from one point to another (to scroll, swipe up from low to high).', {
    x1: { type: 'number' }, y1: { type: 'number' }, x2: { type: 'number' }, y2: { type: 'number' },
    duration_ms: { type: 'number', description: 'Default 500.' },
  }, ['x1', 'y1', 'x2', 'y2']),
  tool('type_text', 'Clear the focused input field and type text.', {
    text: { type: 'string' }, submit: { type: 'boolean', description: 'Press Enter afterwards.' },
  }, ['text']),
  tool('launch_app', 'Open an app by its name.', { app: { type: 'string' } }, ['app']),
  tool('back', 'Press the Back key.'),
  tool('home', 'Go to the home screen.'),
  tool('wait', 'Wait for the screen to load.', { seconds: { type: 'number' } }),
  tool('take_over', 'Hand the phone to the user (login, captcha) and continue when they are done.', { message: { type: 'string' } }, ['message']),
  tool('ask_user', 'Ask the user a question when the task leaves a choice open.', { question: { type: 'string' } }, ['question']),
  tool('note', 'Record information from the screen that the task needs.', { message: { type: 'string' } }, ['message']),
  tool('finish', 'The task is complete (or impossible): report the result.', { message: { type: 'string' } }, ['message']),
];
