// The phone's accessibility tree over adb: `uiautomator dump` with deadline and retries, and a
// reader that keeps the tree per screen. Implements the shared UiTreeSource the agent asks.
export { dumpUiXml, type DumpOptions, type DumpResult } from './uiautomator-dump';
export { UiTreeReader, type UiTreeReaderOptions } from './ui-tree-reader';
