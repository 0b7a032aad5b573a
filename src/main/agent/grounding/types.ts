// The grounding seam: a described target in, a device point (or a clear "which one?" / "not
// there") out. Planners and the step executor talk to a Grounder; accessibility, vision and auto
// are its implementations, and the trace keeps what each answered.
import type { Point } from '../../../shared/agent/actions';
import type { TargetHint } from '../../../shared/agent/intermediate';
import type { ElementRole, UiBounds, UiTreeSource } from '../../../shared/ui-tree';
import type { ScreenCapture } from '../interfaces';

/** What the element will be used for: a field to type in, a list to scroll, a thing to tap. */
export type GroundingPurpose = 'tap' | 'long_press' | 'type' | 'scroll' | 'locate';

export interface GroundingRequest {
  target: string;
  hint?: TargetHint;
  purpose: GroundingPurpose;
  /** The screen the planner saw (the vision grounder sends it; its fingerprint keys the tree). */
  capture: ScreenCapture;
  fingerprint: string;
  signal?: AbortSignal;
}

export type GrounderId = 'accessibility' | 'vision';

export interface GroundingCandidate {
  /** On-screen box of the element, device pixels. */
  box: UiBounds;
  score: number;
  /** What the element says (its text, description or its children's texts). */
  label: string;
  role: ElementRole;
  /** Index in the UI tree, when the candidate is a tree element. */
  element?: number;
  /** The field that matched best: text, content-desc, hint, resource-id, children, role, or vision. */
  matched: string;
}

export interface GroundingTimings {
  /** Reading the accessibility tree (near 0 when it was cached for this screen). */
  treeMs?: number;
  treeCached?: boolean;
  /** Scoring the tree's elements. */
  matchMs?: number;
  /** The vision model's request. */
  visionMs?: number;
  totalMs: number;
}

export type GroundingStatus = 'found' | 'ambiguous' | 'not_found';

export interface GroundingResult {
  status: GroundingStatus;
  /** Who produced the answer (for auto: the part that decided). */
  grounder: GrounderId;
  /** Device pixels to act on (found only). */
  point?: Point;
  /** The chosen element's box, when there is one. */
  box?: UiBounds;
  /** The chosen element's index in the UI tree (accessibility answers). */
  element?: number;
  /** 0..1; for 'found' how sure, otherwise the best candidate's score. */
  confidence: number;
  /** Best first, at most a handful, with boxes and scores. */
  candidates: GroundingCandidate[];
  /** For the planner and the user when not found or ambiguous (which candidates, what to say instead). */
  message?: string;
  /** Auto: a vision point inside this accessibility candidate confirmed it. */
  confirmedBy?: GrounderId;
  timings: GroundingTimings;
  /** Model requests made for this answer (vision grounding), for the trace. */
  exchanges?: GroundingExchange[];
}

/** One request a grounder made to a model, as the trace keeps it (sizes and text, never image bytes). */
export interface GroundingExchange {
  request: { roles: string[]; imageCount: number; textChars: number; image?: { width: number; height: number; bytes: number; mime: string } };
  reply: { raw: string; ttftMs: number | null; totalMs: number; usage?: { promptTokens: number; completionTokens: number } };
}

export interface Grounder {
  readonly id: 'accessibility' | 'vision' | 'auto';
  ground(request: GroundingRequest): Promise<GroundingResult>;
}

export interface AccessibilityGrounderOptions {
  tree: UiTreeSource;
  /** Answers below this are "not found" (default 0.5). */
  minConfidence?: number;
  /** Candidates reported (default 5). */
  keep?: number;
}
