// Test doubles for the agent loop: a fake phone with a real encoded screenshot and a scripted
// human. The model side is never faked: tests use the scripted server through the real SDK.
import { createCanvas } from '@napi-rs/canvas';
import type { RecordedJson } from './scripted-openai';
import type { AgentAction } from '../../src/shared/agent/actions';
import type { ExecResult, HumanInTheLoop, PhoneOperator, ScreenCapture } from '../../src/main/agent/interfaces';
import type { OwnedPhoneOperator } from '../../src/main/phone/operators';
import { parseUiXml, type UiTreeSource } from '../../src/shared/ui-tree';
import { AppError } from '../../src/shared/errors';

let cachedJpeg: Uint8Array | undefined;

/** A 1080x2400 JPEG with a few shapes (decodable, resizable). */
export async function sampleScreenshot(): Promise<Uint8Array> {
  if (cachedJpeg) return cachedJpeg;
  const canvas = createCanvas(1080, 2400);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#202030';
  ctx.fillRect(0, 0, 1080, 2400);
  ctx.fillStyle = '#4080ff';
  ctx.fillRect(100, 300, 880, 200);
  cachedJpeg = new Uint8Array(await canvas.encode('jpeg', 70));
  return cachedJpeg;
}

let cachedBlack: Uint8Array | undefined;

/** An all-black 1080x2400 PNG, what a FLAG_SECURE screen captures as. */
export async function blackScreenshot(): Promise<Uint8Array> {
  if (cachedBlack) return cachedBlack;
  const canvas = createCanvas(1080, 2400);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#000000';
  ctx.fillRect(0, 0, 1080, 2400);
  cachedBlack = new Uint8Array(await canvas.encode('png'));
  return cachedBlack;
}

export class FakePhone implements PhoneOperator {
  screens = 0;
  executed: AgentAction[] = [];
  /** When true every screen has the same fingerprint (nothing changes on screen). */
  frozen = false;
  uiXml?: string;
  black = false;
  currentApp = 'com.android.launcher3';
  onExecute?: (action: AgentAction) => void | Promise<void>;
  execResult: ExecResult = { ok: true };

  async screen(): Promise<ScreenCapture> {
    this.screens += 1;
    return {
      image: this.black ? await blackScreenshot() : await sampleScreenshot(), mime: this.black ? 'image/png' : 'image/jpeg', width: 1080, height: 2400, currentApp: this.currentApp,
      fingerprint: this.frozen ? 'same' : `screen-${this.screens}`, ...(this.uiXml ? { uiXml: this.uiXml } : {}),
    };
  }

  async execute(action: AgentAction): Promise<ExecResult> {
    this.executed.push(action);
    await this.onExecute?.(action);
    return this.execResult;
  }

  async waitForStill(): Promise<{ settleMs: number }> {
    return { settleMs: 7 };
  }
}

export class ScriptedHuman implements HumanInTheLoop {
  confirmations: Array<{ step: number; reason: string }> = [];
  takeOvers: string[] = [];
  questions: string[] = [];
  constructor(private readonly answers: { confirm?: boolean; answer?: string } = {}) {}

  async confirm(step: number, _action: AgentAction, reason: string): Promise<boolean> {
    this.confirmations.push({ step, reason });
    return this.answers.confirm ?? false;
  }
  async takeOver(message: string): Promise<void> { this.takeOvers.push(message); }
  async ask(question: string): Promise<string> {
    this.questions.push(question);
    return this.answers.answer ?? 'no answer';
  }
}

/** Text of the last user message of a recorded chat request. */
export function lastUserText(body: RecordedJson): string {
  const users = body.messages.filter((m: RecordedJson) => m.role === 'user');
  const last = users[users.length - 1];
  return typeof last.content === 'string' ? last.content : last.content.filter((p: RecordedJson) => p.type === 'text').map((p: RecordedJson) => p.text).join('\n');
}

/** Number of image parts across all messages of a recorded chat request. */
export function imageCount(body: RecordedJson): number {
  return body.messages.reduce((n: number, m: RecordedJson) => n + (Array.isArray(m.content) ? m.content.filter((p: RecordedJson) => p.type === 'image_url').length : 0), 0);
}

/** A tree source over a screen's `uiautomator dump` XML (none: the phone gives no tree). */
export function xmlTreeSource(xml: () => string | undefined): UiTreeSource {
  return {
    read: async () => {
      const text = xml();
      if (text === undefined) throw new AppError('unavailable', 'this fake phone has no UI tree');
      return { tree: parseUiXml(text), ms: 0, cached: false, attempts: 1 };
    },
  };
}

/** An operator as the phone layer hands it out (tree, dispose) over any PhoneOperator, e.g. FakePhone. */
export function owned(phone: PhoneOperator & { uiXml?: string; uiTree?: UiTreeSource }, onDispose: () => void = () => undefined): OwnedPhoneOperator {
  return {
    screen: (signal) => phone.screen(signal), execute: (action, signal) => phone.execute(action, signal), waitForStill: (o) => phone.waitForStill(o),
    uiTree: phone.uiTree ?? xmlTreeSource(() => phone.uiXml),
    dispose: async () => onDispose(),
  };
}
