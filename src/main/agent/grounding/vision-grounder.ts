// The vision grounder: a model is shown the screen and asked where the described element is.
// AutoGLM-Phone and UI-TARS get a one-tap task in their own trained formats (their protocol
// adapters build the request and parse the answer, so coordinates go through the same
// CoordinateMap as in end-to-end runs); a generic vision model gets the screenshot with numbered
// set-of-marks boxes from the UI tree (when there is one) and answers with a number or pixels.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { TargetHint } from '../../../shared/agent/intermediate';
import { containsPoint, type UiBounds, type UiTreeSource } from '../../../shared/ui-tree';
import { summarizeMessages } from '../conversation';
import { CoordinateMap, fitToMaxPixels } from '../coordinate-map';
import { prepareModelImage, type ModelImage } from '../image-prep';
import type { ModelClient, ModelReply } from '../interfaces';
import { createProtocolAdapter } from '../protocols';
import { ParseError } from '../protocols/parse-error';
import { describeMarks, markCenter, marksFromTree, type UiMark } from '../protocols/set-of-marks';
import type { UiTarsCoordinates } from '../protocols/uitars-parser';
import type { Grounder, GroundingCandidate, GroundingExchange, GroundingRequest, GroundingResult } from './types';

export type VisionProtocol = 'autoglm' | 'uitars' | 'generic';

export interface VisionGrounderOptions {
  model: ModelClient;
  protocol: VisionProtocol;
  lang?: 'en' | 'zh';
  /** The UI tree for set-of-marks (generic protocol); without one the model answers in pixels. */
  tree?: UiTreeSource;
  maxImagePixels?: number;
  uitarsCoordinates?: UiTarsCoordinates;
  jpegQuality?: number;
  now?: () => Date;
}

/** How sure a vision answer is taken to be: models give no calibrated score; a marked box is firmer than a bare point. */
const POINT_CONFIDENCE = 0.7;
const MARK_CONFIDENCE = 0.8;

export class VisionGrounder implements Grounder {
  readonly id = 'vision' as const;

  constructor(private readonly options: VisionGrounderOptions) {}

  async ground(request: GroundingRequest): Promise<GroundingResult> {
    const started = performance.now();
    const device = { width: request.capture.width, height: request.capture.height };
    const marks = this.options.protocol === 'generic' ? await this.marks(request) : undefined;
    const adapter = createProtocolAdapter(this.options.protocol, {
      autoglm: { lang: this.options.lang, maxImagePixels: this.options.maxImagePixels },
      uitars: { lang: this.options.lang, coordinates: this.options.uitarsCoordinates, maxImagePixels: this.options.maxImagePixels },
    });
    const map = new CoordinateMap(device, this.options.protocol === 'generic' ? fitToMaxPixels(device, this.options.maxImagePixels ?? 1_300_000) : adapter.modelImageSize(device));
    const image = await prepareModelImage(request.capture, map, { marks, jpegQuality: this.options.jpegQuality });
    const instruction = instructionFor(request.target, request.hint, this.options.lang ?? 'en');
    const messages = this.options.protocol === 'generic'
      ? genericMessages(instruction, image, map, marks ?? [])
      : [
        { role: 'system' as const, content: adapter.systemPrompt(instruction, (this.options.now ?? (() => new Date()))()) },
        { role: 'user' as const, content: [{ type: 'text' as const, text: adapter.userText({ task: instruction, currentApp: request.capture.currentApp, notes: [], image: map.image }) }, { type: 'image_url' as const, image_url: { url: image.dataUrl } }] },
      ];
    const modelStarted = performance.now();
    const reply = await this.options.model.complete({ messages, signal: request.signal });
    const visionMs = performance.now() - modelStarted;
    const exchange = exchangeOf(messages, image, reply);
    const timings = { visionMs: round(visionMs), totalMs: round(performance.now() - started) };
    let answer: Answer;
    try {
      answer = this.options.protocol === 'generic' ? readGeneric(reply, map, marks ?? []) : readTap(adapter.parse(reply, { map }).action);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      answer = { kind: 'none', why: `its reply could not be read (${error.reason})` };
    }
    if (answer.kind === 'none') {
      return { status: 'not_found', grounder: 'vision', confidence: 0, candidates: [], message: `The vision model did not point at "${request.target}": ${answer.why}`, timings, exchanges: [exchange] };
    }
    const box: UiBounds | undefined = answer.mark?.bounds;
    const candidate: GroundingCandidate = {
      box: box ?? pointBox(answer.point, device), score: answer.mark ? MARK_CONFIDENCE : POINT_CONFIDENCE,
      label: answer.mark?.label ?? request.target, role: 'view', matched: 'vision', ...(answer.mark ? { element: answer.mark.element } : {}),
    };
    return {
      status: 'found', grounder: 'vision', point: answer.point, ...(box ? { box, element: answer.mark!.element } : {}),
      confidence: candidate.score, candidates: [candidate], timings, exchanges: [exchange],
    };
  }

  private async marks(request: GroundingRequest): Promise<UiMark[]> {
    if (!this.options.tree) return [];
    try {
      const { tree } = await this.options.tree.read({ fingerprint: request.fingerprint, signal: request.signal });
      return marksFromTree(tree, { width: request.capture.width, height: request.capture.height });
    } catch (error) {
      if (request.signal?.aborted) throw error;
      return []; // no tree (a game, a busy phone): the model answers in pixels instead
    }
  }
}

type Answer = { kind: 'point'; point: { x: number; y: number }; mark?: UiMark } | { kind: 'none'; why: string };

/** The one-tap task in words; the hint is said the way a person would. */
export function instructionFor(target: string, hint: TargetHint | undefined, lang: 'en' | 'zh'): string {
  const extra: string[] = [];
  if (hint?.ordinal !== undefined) extra.push(lang === 'zh' ? (hint.ordinal > 0 ? `第${hint.ordinal}个` : `倒数第${-hint.ordinal}个`) : (hint.ordinal > 0 ? `number ${hint.ordinal}` : `number ${-hint.ordinal} from the end`));
  if (hint?.region) extra.push(lang === 'zh' ? `在屏幕${ZH_REGION[hint.region]}` : `in the ${hint.region} part of the screen`);
  if (hint?.role) extra.push(lang === 'zh' ? `（${ZH_ROLE[hint.role]}）` : `(a ${hint.role})`);
  const more = extra.length ? ` ${extra.join(', ')}` : '';
  return lang === 'zh'
    ? `点击“${target}”${more}。只回答一个点击操作，不做任何其他操作；如果屏幕上没有它，用 finish 说明。`
    : `Tap "${target}"${more}. Answer with exactly one tap and do nothing else; if it is not on the screen, finish and say so.`;
}

const ZH_REGION: Record<NonNullable<TargetHint['region']>, string> = {
  top: '顶部', bottom: '底部', left: '左侧', right: '右侧', 'top-left': '左上角', 'top-right': '右上角', 'bottom-left': '左下角', 'bottom-right': '右下角', center: '中间',
};
const ZH_ROLE: Record<NonNullable<TargetHint['role']>, string> = { button: '按钮', switch: '开关', field: '输入框', tab: '标签页', item: '列表项', icon: '图标' };

function readTap(action: { type: string; x?: number; y?: number; message?: string }): Answer {
  if ((action.type === 'tap' || action.type === 'long_press' || action.type === 'double_tap') && action.x !== undefined && action.y !== undefined) {
    return { kind: 'point', point: { x: action.x, y: action.y } };
  }
  return { kind: 'none', why: action.type === 'finish' ? action.message || 'it said the element is not there' : `it answered ${action.type} instead of a tap` };
}

function genericMessages(instruction: string, image: ModelImage, map: CoordinateMap, marks: UiMark[]): ChatCompletionMessageParam[] {
  const lines = [
    instruction,
    `The screenshot is ${map.image.width}x${map.image.height} pixels.`,
    marks.length ? `Numbered boxes mark the screen's elements:\n${describeMarks(marks)}` : 'The screen\'s elements are not marked.',
    'Answer with one JSON object and nothing else: {"element": N} for a marked element, {"x": X, "y": Y} in screenshot pixels when it is not marked, or {"not_found": "why"}.',
  ];
  return [
    { role: 'system', content: 'You find elements on Android phone screenshots. You point, you never act.' },
    { role: 'user', content: [{ type: 'text', text: lines.join('\n') }, { type: 'image_url', image_url: { url: image.dataUrl } }] },
  ];
}

function readGeneric(reply: ModelReply, map: CoordinateMap, marks: UiMark[]): Answer {
  const raw = reply.text;
  const m = /\{[\s\S]*\}/.exec(raw);
  if (!m) throw new ParseError('no JSON object in the grounding reply', raw);
  let obj: Record<string, unknown>;
  try { obj = JSON.parse(m[0]); } catch { throw new ParseError('the grounding reply is not valid JSON', raw); }
  if (typeof obj.not_found === 'string') return { kind: 'none', why: obj.not_found };
  const element = Number(obj.element);
  if (obj.element !== undefined && Number.isInteger(element)) {
    const mark = marks.find((k) => k.id === element);
    if (!mark) throw new ParseError(`element ${element} is not one of the marked elements`, raw);
    return { kind: 'point', point: markCenter(mark), mark };
  }
  const x = Number(obj.x); const y = Number(obj.y);
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new ParseError('the grounding reply has neither "element" nor "x" and "y"', raw);
  const point = map.fromImagePixels(x, y);
  return { kind: 'point', point, ...withMark(marks, point) };
}

/** A bare point that falls in a marked box is that element. */
function withMark(marks: UiMark[], point: { x: number; y: number }): { mark?: UiMark } {
  const inside = marks.filter((k) => containsPoint(k.bounds, point.x, point.y))
    .sort((a, b) => (a.bounds[2] - a.bounds[0]) * (a.bounds[3] - a.bounds[1]) - (b.bounds[2] - b.bounds[0]) * (b.bounds[3] - b.bounds[1]));
  return inside[0] ? { mark: inside[0] } : {};
}

function pointBox(p: { x: number; y: number }, screen: { width: number; height: number }): UiBounds {
  return [Math.max(0, p.x - 24), Math.max(0, p.y - 24), Math.min(screen.width, p.x + 25), Math.min(screen.height, p.y + 25)];
}

function exchangeOf(messages: ChatCompletionMessageParam[], image: ModelImage, reply: ModelReply): GroundingExchange {
  const s = summarizeMessages(messages);
  return {
    request: { roles: s.roles, imageCount: s.imageCount, textChars: s.textChars, image: { width: image.width, height: image.height, bytes: image.bytes.byteLength, mime: image.mime } },
    reply: { raw: reply.text, ttftMs: reply.ttftMs, totalMs: Math.round(reply.totalMs), ...(reply.usage ? { usage: reply.usage } : {}) },
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
