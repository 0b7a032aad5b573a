// The intermediate interface's planner modes, behind the loop's StepDriver seam.
import { AppError } from '../../../shared/errors';
import type { StepDriver } from '../step-driver';
import { LayeredPlanner, type LayeredOptions } from './layered-planner';
import { PlanPlanner } from './plan-planner';
import type { PlannerDriverOptions } from './planner-options';
import type { PlannerMode } from './planner-prompt';
import { StepPlanner } from './step-planner';

export function createPlannerDriver(mode: PlannerMode, options: PlannerDriverOptions & Partial<Pick<LayeredOptions, 'executor' | 'budget'>>): StepDriver {
  switch (mode) {
    case 'step': return new StepPlanner(options);
    case 'plan': return new PlanPlanner(options);
    case 'layered':
      if (!options.executor) throw new AppError('validation', 'Layered mode needs an executor endpoint (an end-to-end model such as AutoGLM-Phone or UI-TARS).');
      return new LayeredPlanner({ ...options, executor: options.executor });
  }
}

export { PLANNER_MODES } from './planner-prompt';
export type { PlannerCalls, PlannerInput, PlannerMode } from './planner-prompt';
export type { PlannerDriverOptions } from './planner-options';
export { intermediateTools, jsonFormReference, parseIntermediateCall, parseIntermediateText, planTool, INTERMEDIATE_ACTIONS } from './language';
export { runInstruction, type InstructionDeps, type InstructionResult } from './run-instruction';
