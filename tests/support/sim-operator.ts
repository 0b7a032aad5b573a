// A PhoneOperator straight over the in-process simulated Android: real rendered screenshots,
// real touch handling and app logic, no adb; and its UI tree as `uiautomator dump` prints it.
// Test-only; the product's operator goes through adb + scrcpy control, but implements the same
// interfaces.
import type { AgentAction } from '../../src/shared/agent/actions';
import type { ExecResult, PhoneOperator, ScreenCapture, WaitForStillOptions } from '../../src/main/agent/interfaces';
import { uiDumpXml, type SimulatedAndroid, type UiNode } from '#virtual-phone';
import { parseUiXml, type UiTreeReading, type UiTreeSource } from '../../src/shared/ui-tree';

const KEY_HOME = 3;
const KEY_BACK = 4;

export class SimulatedPhoneOperator implements PhoneOperator {
  /** Dumps made (a grounder and a text planner share one per screen when the cache works). */
  dumps = 0;

  constructor(private readonly phone: SimulatedAndroid) {}

  /** The tree as the phone would dump it now (no cache: every read is a dump). */
  readonly uiTree: UiTreeSource = {
    read: async (): Promise<UiTreeReading> => {
      this.dumps += 1;
      return { tree: parseUiXml(uiDumpXml(this.phone.uiTree(), 0)), ms: 0, cached: false, attempts: 1 };
    },
  };

  async screen(): Promise<ScreenCapture> {
    return {
      image: new Uint8Array(this.phone.encodePng()), mime: 'image/png',
      width: this.phone.size.width, height: this.phone.size.height,
      currentApp: this.phone.focus().packageName,
      uiXml: `<hierarchy rotation="0">${toXml(this.phone.uiTree())}</hierarchy>`,
    };
  }

  async execute(action: AgentAction): Promise<ExecResult> {
    const p = this.phone;
    switch (action.type) {
      case 'tap': p.tap(action.x, action.y); return { ok: true };
      case 'double_tap': p.tap(action.x, action.y); p.tap(action.x, action.y); return { ok: true };
      case 'long_press': p.longPress(action.x, action.y, action.durationMs); return { ok: true };
      case 'swipe': p.swipe(action.x1, action.y1, action.x2, action.y2, action.durationMs); return { ok: true };
      case 'type': p.setClipboard(action.text, true); return { ok: true };
      case 'back': p.key(KEY_BACK); return { ok: true };
      case 'home': p.key(KEY_HOME); return { ok: true };
      case 'recents': p.key(187); return { ok: true };
      case 'enter': p.key(66); return { ok: true };
      case 'launch': {
        const app = p.installedApps().find((a) => a.label.toLowerCase() === action.app.toLowerCase() || a.packageName === action.app);
        return app && p.launchPackage(app.packageName) ? { ok: true } : { ok: false, message: `App not found: ${action.app}` };
      }
      default: return { ok: false, message: `not a device action: ${action.type}` };
    }
  }

  async waitForStill(options: WaitForStillOptions): Promise<{ settleMs: number }> {
    const started = performance.now();
    while (this.phone.animating && performance.now() - started < options.timeoutMs && !options.signal?.aborted) {
      await new Promise((r) => setTimeout(r, 10));
    }
    return { settleMs: performance.now() - started };
  }
}

function toXml(n: UiNode): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const [x1, y1, x2, y2] = n.bounds;
  const attrs = `text="${esc(n.text)}" resource-id="${esc(n.resourceId)}" class="${esc(n.className)}" package="${esc(n.packageName)}" content-desc="${esc(n.contentDesc)}" clickable="${n.clickable}" checkable="${n.checkable}" checked="${n.checked}" scrollable="${n.scrollable}" bounds="[${x1},${y1}][${x2},${y2}]"`;
  return `<node ${attrs}>${n.children.map(toXml).join('')}</node>`;
}

/** Depth-first list of the tree, for the scripted "model" that looks at the screen. */
export function flatten(n: UiNode, out: UiNode[] = []): UiNode[] {
  out.push(n);
  for (const c of n.children) flatten(c, out);
  return out;
}
