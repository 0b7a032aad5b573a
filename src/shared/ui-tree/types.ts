// The phone's accessibility tree as the product sees it: what `uiautomator dump` reports, typed,
// flattened in document order. The grounder, the planner's text outline, set-of-marks and the
// MCP screen tool all read this one shape; nothing downstream parses XML again.

/** Device pixels of the current orientation: [x1, y1, x2, y2], x2/y2 exclusive as the dumper prints them. */
export type UiBounds = readonly [x1: number, y1: number, x2: number, y2: number];

export interface UiElement {
  /** Position in document order (pre-order); `elements[index]` is this element. */
  index: number;
  /** Index of the parent element, -1 for a top-level node. */
  parent: number;
  children: number[];
  depth: number;
  text: string;
  contentDesc: string;
  resourceId: string;
  className: string;
  packageName: string;
  /**
   * Hint text, where the dumper reports it (the androidx dumper and some vendors' do, the stock
   * `uiautomator dump` does not: an empty EditText reports its hint as its text instead).
   */
  hint: string;
  bounds: UiBounds;
  clickable: boolean;
  longClickable: boolean;
  checkable: boolean;
  checked: boolean;
  enabled: boolean;
  focusable: boolean;
  focused: boolean;
  scrollable: boolean;
  selected: boolean;
  password: boolean;
}

export interface UiTree {
  /** The `rotation` attribute of <hierarchy> (0..3). */
  rotation: number;
  elements: UiElement[];
  /** Indices of the top-level nodes (one per window on most phones). */
  roots: number[];
}

export interface ScreenSize { width: number; height: number }
