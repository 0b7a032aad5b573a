// Material-ish palette shared by the system bars and the apps.
export const COLORS = {
  background: '#fdfbff',
  surface: '#f3f1f8',
  surfaceHigh: '#e8e6ee',
  primary: '#3f5aa9',
  onPrimary: '#ffffff',
  primaryContainer: '#dbe1ff',
  text: '#1b1b1f',
  textSecondary: '#5d5e67',
  hint: '#8e8f99',
  divider: '#d9d9e0',
  statusBar: '#e9e7ef',
  navBar: '#f3f1f8',
  switchOff: '#c5c6d0',
  danger: '#ba1a1a',
  success: '#1e7a3a',
  launcherTop: '#24355f',
  launcherBottom: '#5d7bb6',
  bubbleMine: '#3f5aa9',
  bubbleTheirs: '#e8e6ee',
} as const;

/** Device-independent pixels to device pixels for a density (dpi). */
export function dpScale(density: number): number {
  return density / 160;
}
