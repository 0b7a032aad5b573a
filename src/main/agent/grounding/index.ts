// The grounders behind one choice: accessibility (the UI tree), vision (a model looks at the
// screenshot), auto (the tree first, vision when the tree has no clear answer; the default).
import { AppError } from '../../../shared/errors';
import type { UiTreeSource } from '../../../shared/ui-tree';
import { AccessibilityGrounder } from './accessibility-grounder';
import { AutoGrounder } from './auto-grounder';
import type { Grounder } from './types';
import { VisionGrounder, type VisionGrounderOptions } from './vision-grounder';

export const GROUNDER_CHOICES = ['a11y', 'vision', 'auto'] as const;
export type GrounderChoice = typeof GROUNDER_CHOICES[number];

export interface GrounderParts {
  /** The phone's UI tree (all but a vision-only grounder need it; set-of-marks uses it too). */
  tree?: UiTreeSource;
  /** The grounding endpoint, for vision and auto. */
  vision?: Omit<VisionGrounderOptions, 'tree'>;
}

/** Candidates an auto grounder keeps from the tree, so a vision point can land on any of them. */
const AUTO_KEEP = 12;

export function createGrounder(choice: GrounderChoice, parts: GrounderParts): Grounder {
  const tree = parts.tree;
  const vision = parts.vision ? new VisionGrounder({ ...parts.vision, ...(tree ? { tree } : {}) }) : undefined;
  switch (choice) {
    case 'vision':
      if (!vision) throw new AppError('validation', 'The vision grounder needs a grounding endpoint (a vision model): choose one in Settings > Agent, or --grounder-endpoint.');
      return vision;
    case 'a11y':
      if (!tree) throw new AppError('unavailable', 'The accessibility grounder needs the phone\'s UI tree, which this phone connection does not provide.');
      return new AccessibilityGrounder({ tree });
    case 'auto':
      if (!tree) {
        if (vision) return vision;
        throw new AppError('validation', 'Grounding needs the phone\'s UI tree or a grounding endpoint.');
      }
      return new AutoGrounder(new AccessibilityGrounder({ tree, keep: AUTO_KEEP }), vision);
  }
}

export { AccessibilityGrounder } from './accessibility-grounder';
export { AutoGrounder } from './auto-grounder';
export { VisionGrounder, type VisionGrounderOptions, type VisionProtocol } from './vision-grounder';
export { matchTarget } from './match-target';
export { parseTarget, type TargetQuery } from './target-query';
export { sensitiveCategory, type SensitiveCategory } from './vocabulary';
export type { Grounder, GroundingCandidate, GroundingPurpose, GroundingRequest, GroundingResult } from './types';
