// The agent's public surface for the app, the CLI and tests. Everything else in this folder is
// an implementation detail of these.
export { AgentRun, type AgentRunOptions, type RunOutcome, type TraceSink } from './agent-run';
export type { DenyPolicy } from './act';
export type {
  ExecResult, HumanInTheLoop, ModelClient, ModelReply, ModelRequest, PhoneOperator, ScreenCapture, ToolCallReply, WaitForStillOptions,
} from './interfaces';
export { OpenAIModelClient, modelSettingsForTrace, type ModelClientOptions, type RetryInfo } from './model-client';
export { classifyModelError, ModelError, type ModelErrorCode } from './model-errors';
export { modelClientOptionsFor, PROTOCOL_GENERATION_DEFAULTS, type EndpointLike } from './endpoint-defaults';
export { CoordinateMap, fitToMaxPixels, smartResize, type Size } from './coordinate-map';
export { createProtocolAdapter, ParseError, type ProtocolAdapter, type ProtocolId, type ProtocolOptions } from './protocols';
export { marksFromUiXml, type UiMark } from './protocols/set-of-marks';
export type { StepDriver, StepInput } from './step-driver';
export { EndToEndDriver } from './end-to-end-driver';
export { createGrounder, GROUNDER_CHOICES, type GrounderChoice, type Grounder, type GroundingResult } from './grounding';
export { createPlannerDriver, PLANNER_MODES, type PlannerCalls, type PlannerInput, type PlannerMode } from './intermediate';
