// The planners' system prompts, ours: what the planner is, how it sees the screen, how to name
// targets (in words, never coordinates), and the safety rules (sensitive, take_over, ask_user).
// The action reference of the JSON-object form is derived from the one schema (language.ts).
import type { IntermediateActionName } from '../../../shared/agent/intermediate';
import { formatPromptDate, type PromptLang } from '../protocols/autoglm-prompt';
import { jsonFormReference } from './language';

export const PLANNER_MODES = ['step', 'plan', 'layered'] as const;
export type PlannerMode = typeof PLANNER_MODES[number];
export const PLANNER_INPUTS = ['text', 'image', 'both'] as const;
export type PlannerInput = typeof PLANNER_INPUTS[number];
/** How the planner answers: OpenAI function calling, or JSON objects in its text (endpoints without tools). */
export type PlannerCalls = 'tools' | 'json';

export interface PromptOptions {
  mode: PlannerMode;
  input: PlannerInput;
  calls: PlannerCalls;
  lang: PromptLang;
  now: Date;
  /** The actions offered (layered mode offers delegate and the user-level ones). */
  actions: readonly IntermediateActionName[];
  /** Layered: the default step budget of a sub-task. */
  budget?: number;
}

export function plannerSystemPrompt(o: PromptOptions): string {
  return o.lang === 'zh' ? zh(o) : en(o);
}

function en(o: PromptOptions): string {
  const sees = { image: 'as a screenshot', text: 'as an outline of its elements (one per line: kind, "its words", state; indented inside its parent)', both: 'as a screenshot and an outline of its elements (one per line: kind, "its words", state)' }[o.input];
  const lines = [
    formatPromptDate(o.now, 'en'),
    o.mode === 'layered'
      ? 'You direct an assistant that operates an Android phone for the user. You see the phone\'s screen and hand the assistant sub-tasks in plain words; it carries each out by itself and reports back.'
      : 'You operate an Android phone for the user.',
    `Each turn shows the current screen ${sees}.`,
  ];
  if (o.mode !== 'layered') {
    lines.push(
      'Name what to act on in words: the way it reads on the screen ("Wi-Fi", "Search dishes", "发送") or the way a person points at it ("the second contact", "the switch next to Bluetooth"). PhonePilot finds it on the screen. When several elements look alike, add hint (ordinal, region, role). Never give coordinates.',
      'Open apps with launch rather than looking for their icons. Use press for back, home, recents and enter. To find something further down a list, use scroll_to.',
      'Mark anything that pays, deletes or sends private data with sensitive (the reason): the user confirms it first.',
    );
  }
  if (o.mode === 'step') lines.push('Do one action per turn. After each action you get its result: check it before going on. When an element was not found or several matched, describe it differently or do something else; do not repeat what did not work.');
  if (o.mode === 'plan') {
    lines.push(
      'Write a plan: the actions to carry out one after another, as far as you can foresee them from this screen. PhonePilot runs them in order and shows you the screen again when the plan has run, when an element cannot be found, when an action fails, or when the screen is not what a step expected.',
      'For a step that only makes sense on a certain screen, give expect: words that must be on the screen before it (for example the title of the page it belongs to).',
    );
  }
  if (o.mode === 'layered') {
    lines.push(
      `Use delegate for each sub-task: one goal that can be reached on the phone alone ("open Settings and turn on Wi-Fi", "find Mapo Tofu in Shop and add it to the cart"), with max_steps for how many steps it may take (default ${o.budget ?? 10}). You get the assistant's report and the new screen: check the result yourself before the next sub-task.`,
      'Say in the sub-task when a step pays, deletes or sends something: the assistant asks the user before such steps.',
    );
  }
  lines.push('Use take_over for logins, passwords and captchas, ask_user when the task leaves a choice open or you need information, and finish with the answer when the task is done or cannot be done.');
  lines.push(...callRules(o, 'en'));
  return lines.join('\n');
}

function zh(o: PromptOptions): string {
  const sees = { image: '截图', text: '界面元素大纲（每行一个元素：类型、"文字"、状态；子元素缩进）', both: '截图和界面元素大纲（每行一个元素：类型、"文字"、状态）' }[o.input];
  const lines = [
    formatPromptDate(o.now, 'zh'),
    o.mode === 'layered'
      ? '你指挥一个助手替用户操作安卓手机。你看得到手机屏幕，用自然语言给助手布置子任务；助手自己完成每个子任务并汇报结果。'
      : '你替用户操作安卓手机。',
    `每一轮会给你当前屏幕的${sees}。`,
  ];
  if (o.mode !== 'layered') {
    lines.push(
      '用文字说明要操作的元素：按屏幕上显示的文字（"WLAN"、"搜索美食"、"Send"），或按人指认的方式（"第二个联系人"、"蓝牙旁边的开关"）。PhonePilot 会在屏幕上找到它。有多个相似元素时，加上 hint（ordinal 序号、region 位置、role 类型）。不要给坐标。',
      '用 launch 直接打开应用，不要去找图标。返回、桌面、最近任务和回车用 press。要找列表下方的内容，用 scroll_to。',
      '凡是付款、删除或发送隐私信息的操作，都要用 sensitive 写明原因：先由用户确认。',
    );
  }
  if (o.mode === 'step') lines.push('每轮只做一个操作。每个操作之后你会得到结果：先检查结果再继续。元素找不到或匹配到多个时，换一种描述或换一种做法，不要重复无效的操作。');
  if (o.mode === 'plan') {
    lines.push(
      '写出一个计划：从当前屏幕能预见到的、依次执行的操作。PhonePilot 按顺序执行；计划执行完、元素找不到、操作失败或屏幕不是某一步所期望的样子时，会再把屏幕给你看。',
      '某一步只在特定页面才有意义时，给出 expect：执行这一步之前屏幕上必须出现的文字（例如该页面的标题）。',
    );
  }
  if (o.mode === 'layered') {
    lines.push(
      `每个子任务用 delegate：一个只靠手机就能完成的目标（"打开设置并开启 WLAN"、"在外卖里找到麻婆豆腐并加入购物车"），max_steps 是最多可用的步数（默认 ${o.budget ?? 10}）。你会收到助手的汇报和新的屏幕：开始下一个子任务前自己检查结果。`,
      '子任务中若有付款、删除或发送的步骤，要在子任务里说明：助手会在这类步骤前询问用户。',
    );
  }
  lines.push('登录、密码和验证码用 take_over 交给用户；任务有需要用户决定的选择或缺少信息时用 ask_user；任务完成或无法完成时用 finish 给出结果。');
  lines.push(...callRules(o, 'zh'));
  return lines.join('\n');
}

function callRules(o: PromptOptions, lang: PromptLang): string[] {
  if (o.calls === 'tools') {
    const once = o.mode === 'plan' ? (lang === 'zh' ? '每轮调用一次 plan 工具。' : 'Call the plan tool once per turn.') : (lang === 'zh' ? '每轮只调用一个工具。' : 'Call exactly one tool per turn.');
    return [lang === 'zh' ? `调用工具之前，先用一两句话说明你看到了什么、为什么这样做。${once}` : `Before the call, say in a sentence or two what you see and why you act. ${once}`];
  }
  const ref = jsonFormReference(o.actions);
  const extra = o.mode === 'layered' ? '\n{"action": "delegate", "task": string, "max_steps"?: integer}  // Hand a sub-task to the assistant.' : '';
  if (o.mode === 'plan') {
    return [
      lang === 'zh' ? '先用一两句话说明你的想法，然后给出一个 JSON 对象 {"plan": [动作, ...]}，每个动作可带 "expect"。动作的格式：' : 'First say in a sentence or two what you think, then give one JSON object {"plan": [action, ...]}; each action may carry "expect". The actions:',
      ref,
    ];
  }
  return [
    lang === 'zh' ? '先用一两句话说明你的想法，然后给出且只给出一个 JSON 对象作为操作。可用的操作：' : 'First say in a sentence or two what you think, then give exactly one JSON object: the action. The actions:',
    `${ref}${extra}`,
  ];
}
