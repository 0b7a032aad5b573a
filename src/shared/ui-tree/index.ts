// The accessibility tree vocabulary: types, the `uiautomator dump` parser, element questions and
// the compact text outline. Pure TS: the phone layer, the agent, the renderer and tests share it.
export type { ScreenSize, UiBounds, UiElement, UiTree } from './types';
export { parseUiXml, UiXmlError, decodeXml } from './parse-ui-xml';
export {
  TARGET_ROLES, ancestorsOf, area, center, containsBox, containsPoint, descendantTexts, elementRole, isEditable, isSlider, isSystemUi,
  labelOf, ownLabel, shortId, visibleBounds, type ElementRole, type TargetRole,
} from './elements';
export { outlineLines, uiOutline, type OutlineLine, type OutlineOptions } from './outline';
export type { UiTreeReading, UiTreeSource, UiTreeRequest } from './source';
