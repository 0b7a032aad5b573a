// Where an action drawn in device pixels lands on a view that letterboxes the phone screen,
// with the same layout as the mirror canvas (fitRect of geometry.ts): the inverse of
// viewToVideo. Pure, so the live overlay and the trace viewer share it and Node tests cover it.
import type { AgentAction } from '../../../../shared/agent/actions';
import { displayedSize, fitRect, type Rect, type Rotation, type Size } from '../../mirror/geometry';

export interface ViewPoint { x: number; y: number }

/** A device pixel (its centre) -> CSS pixels from the view's top-left. */
export function deviceToView(point: ViewPoint, view: Size, device: Size, rotation: Rotation = 0): ViewPoint {
  const rect = fitRect(view, displayedSize(device, rotation));
  const a = (point.x + 0.5) / device.width;
  const b = (point.y + 0.5) / device.height;
  // Normalized video (a, b) -> displayed (u, v): the forward form of viewToVideo's rotation.
  const [u, v] = [[a, b], [1 - b, a], [1 - a, 1 - b], [b, 1 - a]][rotation];
  return { x: rect.x + u * rect.width, y: rect.y + v * rect.height };
}

/** A device-pixel rectangle -> the CSS rectangle covering it (any rotation). */
export function deviceRectToView(box: Rect, view: Size, device: Size, rotation: Rotation = 0): Rect {
  const p1 = deviceToView({ x: box.x - 0.5, y: box.y - 0.5 }, view, device, rotation);
  const p2 = deviceToView({ x: box.x + box.width - 0.5, y: box.y + box.height - 0.5 }, view, device, rotation);
  return { x: Math.min(p1.x, p2.x), y: Math.min(p1.y, p2.y), width: Math.abs(p2.x - p1.x), height: Math.abs(p2.y - p1.y) };
}

export type OverlayShape =
  | { kind: 'tap'; at: ViewPoint; double: boolean; sensitive: boolean }
  | { kind: 'long_press'; at: ViewPoint }
  | { kind: 'swipe'; from: ViewPoint; to: ViewPoint }
  | { kind: 'type'; text: string }
  | { kind: 'banner'; text: string };

/** What to draw for an action, in view CSS pixels; null for actions with nothing to show. */
export function overlayShape(action: AgentAction, view: Size, device: Size, rotation: Rotation = 0): OverlayShape | null {
  const at = (x: number, y: number) => deviceToView({ x, y }, view, device, rotation);
  switch (action.type) {
    case 'tap': return { kind: 'tap', at: at(action.x, action.y), double: false, sensitive: action.sensitive !== undefined };
    case 'double_tap': return { kind: 'tap', at: at(action.x, action.y), double: true, sensitive: false };
    case 'long_press': return { kind: 'long_press', at: at(action.x, action.y) };
    case 'swipe': return { kind: 'swipe', from: at(action.x1, action.y1), to: at(action.x2, action.y2) };
    case 'type': return { kind: 'type', text: action.text };
    case 'launch': return { kind: 'banner', text: `Opening ${action.app}` };
    case 'back': return { kind: 'banner', text: 'Back' };
    case 'recents': return { kind: 'banner', text: 'Recent apps' };
    case 'enter': return { kind: 'banner', text: 'Enter' };
    case 'home': return { kind: 'banner', text: 'Home' };
    default: return null;
  }
}
