// The screen as a planner is shown it: a screenshot (resized to a pixel budget, no coordinates
// needed: the planner names targets in words), the UI tree's text outline, or both. A text-only
// planner gets no image at all, so a model without vision can drive the phone.
import { uiOutline, type UiTreeSource } from '../../../shared/ui-tree';
import { CoordinateMap, fitToMaxPixels } from '../coordinate-map';
import { BLACK_SCREEN_NOTE } from '../end-to-end-driver';
import { prepareModelImage, type ModelImage } from '../image-prep';
import type { ScreenCapture } from '../interfaces';
import type { PlannerConversation } from './planner-conversation';
import type { PlannerInput } from './planner-prompt';

export interface PlannerScreen {
  /** '' when the planner sees only the image. */
  text: string;
  image?: ModelImage;
  /** Things to tell the planner about this screen (a black screenshot, an unreadable tree). */
  notes: string[];
}

export interface ScreenOptions {
  input: PlannerInput;
  tree?: UiTreeSource;
  /** Pixel budget of the screenshot (default ~1 MP: the planner reads labels, it does not point). */
  maxImagePixels?: number;
  jpegQuality?: number;
  lang: 'en' | 'zh';
  signal?: AbortSignal;
}

export async function plannerScreen(capture: ScreenCapture, fingerprint: string, o: ScreenOptions): Promise<PlannerScreen> {
  const notes: string[] = [];
  const app = capture.currentApp || (o.lang === 'zh' ? '未知' : 'unknown');
  let text = o.lang === 'zh' ? `当前应用：${app}` : `Current app: ${app}`;
  if (o.input !== 'image') text += `\n${await outlineOf(capture, fingerprint, o)}`;
  let image: ModelImage | undefined;
  if (o.input !== 'text') {
    const device = { width: capture.width, height: capture.height };
    image = await prepareModelImage(capture, new CoordinateMap(device, fitToMaxPixels(device, o.maxImagePixels ?? 1_000_000)), { jpegQuality: o.jpegQuality });
    if (image.black) notes.push(BLACK_SCREEN_NOTE.replace('Take_over', 'take_over'));
  }
  return { text, ...(image ? { image } : {}), notes };
}

async function outlineOf(capture: ScreenCapture, fingerprint: string, o: ScreenOptions): Promise<string> {
  if (!o.tree) return o.lang === 'zh' ? '（没有界面元素信息）' : '(no element outline available)';
  try {
    const { tree } = await o.tree.read({ fingerprint, signal: o.signal });
    const outline = uiOutline(tree, { screen: { width: capture.width, height: capture.height } });
    const head = o.lang === 'zh' ? `屏幕（${capture.width}x${capture.height}）上的元素：` : `Elements on the screen (${capture.width}x${capture.height}):`;
    if (outline === '') return `${head}\n${o.lang === 'zh' ? '（没有可读的元素：应用可能自己绘制界面）' : '(none readable: the app may draw its own UI)'}`;
    return `${head}\n${outline}`;
  } catch (error) {
    if (o.signal?.aborted) throw error;
    return o.lang === 'zh' ? `（读不到界面元素：${(error as Error).message}）` : `(the screen's elements could not be read: ${(error as Error).message})`;
  }
}

/**
 * Adds the planner's turn for this screen: the task (first turn only), what it must hear first
 * (results, the user's words), then the screen as the planner sees it. Returns the screen (its
 * image, when one was sent, goes with the request's trace line).
 */
export async function showScreen(conversation: PlannerConversation, capture: ScreenCapture, fingerprint: string, o: ScreenOptions, head: { task?: string; lines: string[] }): Promise<PlannerScreen> {
  const screen = await plannerScreen(capture, fingerprint, o);
  const header = [
    ...(head.task !== undefined ? [o.lang === 'zh' ? `任务：${head.task}` : `Task: ${head.task}`] : []),
    ...head.lines, ...screen.notes,
  ];
  conversation.addScreen({ header, screenText: screen.text, ...(screen.image ? { imageDataUrl: screen.image.dataUrl } : {}) });
  return screen;
}
