/** The app's keyboard shortcuts; the help overlay lists exactly these. */
export interface Shortcut {
  keys: string;
  description: string;
  matches(event: KeyboardEvent): boolean;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;

export function isTextInput(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export const SHORTCUTS = {
  help: { keys: '?', description: 'Show or hide this help', matches: (e: KeyboardEvent) => e.key === '?' && !isTextInput(e.target) },
  settings: { keys: 'Ctrl+,', description: 'Open settings', matches: (e: KeyboardEvent) => mod(e) && e.key === ',' },
  doctor: { keys: 'Ctrl+Shift+D', description: 'Run the doctor (what is installed, what is missing)', matches: (e: KeyboardEvent) => mod(e) && e.shiftKey && e.key.toLowerCase() === 'd' },
  focusTask: { keys: 'Ctrl+K', description: 'Focus the task box', matches: (e: KeyboardEvent) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'k' },
  /** Handled by the task box itself (TaskPanel.vue); listed here for the help overlay. */
  runTask: { keys: 'Ctrl+Enter', description: 'Run the task typed in the task box', matches: (e: KeyboardEvent) => mod(e) && e.key === 'Enter' && (e.target as HTMLElement | null)?.id === 'task-input' },
  history: { keys: 'Ctrl+H', description: 'Open the history of task traces', matches: (e: KeyboardEvent) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'h' },
  /** Handled by the push-to-talk button (components/voice); the key is configurable in Settings > Voice. */
  talk: { keys: 'Hold Space', description: 'Talk: record while held, outside text fields; release to put the words in the task box, Esc cancels (another key can be set in Settings > Voice)', matches: (e: KeyboardEvent) => e.code === 'Space' && !isTextInput(e.target) },
  close: { keys: 'Esc', description: 'Close the open panel', matches: (e: KeyboardEvent) => e.key === 'Escape' },
} satisfies Record<string, Shortcut>;
