// The end-to-end step: the protocol's model sees the screenshot and answers with an action in
// its own coordinates (AutoGLM-Phone, UI-TARS, a generic vision model with set-of-marks), which
// the protocol adapter maps to device pixels.
import { Conversation } from './conversation';
import { CoordinateMap } from './coordinate-map';
import { decideStep } from './decide';
import { prepareModelImage } from './image-prep';
import type { ModelClient } from './interfaces';
import type { ActOutcome } from './act';
import { marksFromUiXml } from './protocols/set-of-marks';
import type { ProtocolAdapter } from './protocols/types';
import type { StepDriver, StepInput } from './step-driver';

export interface EndToEndDriverOptions {
  adapter: ProtocolAdapter;
  model: ModelClient;
  jpegQuality?: number;
  /** Traced as the model's role: layered mode's executor; absent for the end-to-end model. */
  role?: 'executor';
}

export class EndToEndDriver implements StepDriver {
  private conversation: Conversation | undefined;
  private task = '';
  /** Turns so far: the task goes with the first (a layered sub-task starts mid-run). */
  private turns = 0;

  constructor(private readonly options: EndToEndDriverOptions) {}

  get protocol(): string {
    return this.options.adapter.id;
  }

  begin(task: string, now: Date): void {
    this.task = task;
    this.turns = 0;
    this.conversation = new Conversation(this.options.adapter.systemPrompt(task, now));
  }

  async step(input: StepInput): Promise<ActOutcome> {
    const { adapter, model } = this.options;
    const conversation = this.conversation!;
    const { capture, step, ctx } = input;
    const device = { width: capture.width, height: capture.height };
    const map = new CoordinateMap(device, adapter.modelImageSize(device));
    const marks = adapter.wantsMarks && capture.uiXml ? marksFromUiXml(capture.uiXml, device) : undefined;
    const image = await prepareModelImage(capture, map, { marks, jpegQuality: this.options.jpegQuality });
    const notes = [...input.notes];
    if (image.black) notes.push(BLACK_SCREEN_NOTE);
    conversation.addUserTurn(adapter.userText({ task: this.turns++ === 0 ? this.task : undefined, currentApp: capture.currentApp, notes, image: map.image, marks }), image.dataUrl);

    const { decision, reply } = await decideStep({ step, conversation, adapter, model, parse: { map, marks }, image, ctx, role: this.options.role });
    conversation.addTurns(adapter.historyTurns(reply));
    await ctx.record({ type: 'action_parsed', step, action: decision.action, thought: decision.thought, ...(decision.element !== undefined ? { element: decision.element } : {}) });
    if (!['finish', 'take_over', 'interact'].includes(decision.action.type)) {
      const verdict = await input.guard(decision.action, input.fingerprint);
      if (verdict) return verdict;
    }
    return input.act(decision);
  }
}

export const BLACK_SCREEN_NOTE = 'The screenshot is completely black: the app may protect this screen (passwords, payments) or the screen is off. If you need to act on it, ask the user with Take_over.';
