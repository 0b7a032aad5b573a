// One adapter per action protocol. The loop builds the conversation through these hooks and
// receives the same AgentDecision (device pixels) whichever model it talks to.
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { AgentDecision } from '../../../shared/agent/actions';
import type { CoordinateMap, Size } from '../coordinate-map';
import type { ModelReply } from '../interfaces';
import type { ParseError } from './parse-error';
import type { UiMark } from './set-of-marks';

export type ProtocolId = 'autoglm' | 'uitars' | 'generic';

export interface TurnInfo {
  /** Present on the first turn only. */
  task?: string;
  currentApp: string;
  /** Things the model must hear before this screen: user instructions, answers, denied actions, loop warnings. */
  notes: string[];
  image: Size;
  /** Set-of-marks elements, numbered from 1 (generic protocol). */
  marks?: UiMark[];
}

export interface ParseContext { map: CoordinateMap; marks?: UiMark[] }

export interface ProtocolAdapter {
  readonly id: ProtocolId;
  /** The size the screenshot is sent at (the coordinate map is built from this and the device size). */
  modelImageSize(device: Size): Size;
  /** Whether the adapter wants numbered element boxes drawn on the screenshot. */
  readonly wantsMarks: boolean;
  systemPrompt(task: string, now: Date): string;
  userText(turn: TurnInfo): string;
  tools(): ChatCompletionTool[] | undefined;
  /** Throws ParseError when the reply holds no usable action. */
  parse(reply: ModelReply, ctx: ParseContext): AgentDecision;
  /** The assistant turn(s) kept in the history for this reply. */
  historyTurns(reply: ModelReply): ChatCompletionMessageParam[];
  /** The user message of the one corrective retry after a ParseError. */
  correctiveText(error: ParseError): string;
}
