// What every planner mode is built from.
import type { UiTreeSource } from '../../../shared/ui-tree';
import type { Grounder } from '../grounding/types';
import type { ModelClient } from '../interfaces';
import type { PlannerCalls, PlannerInput } from './planner-prompt';

export interface PlannerDriverOptions {
  /** The planner's model. */
  model: ModelClient;
  grounder: Grounder;
  /** The phone's UI tree: the text outline and the main list for swipes. */
  tree?: UiTreeSource;
  input: PlannerInput;
  calls: PlannerCalls;
  lang: 'en' | 'zh';
  maxImagePixels?: number;
  jpegQuality?: number;
  /** Confirm taps on targets that read like a payment or a deletion even when unflagged (default true). */
  sensitiveNet?: boolean;
}
