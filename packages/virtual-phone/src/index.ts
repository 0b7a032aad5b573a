// Public surface of the simulated phone for the app, the CLI, tests and bench: the phone
// itself, and the Android model's types that scripts inspect it with.
export { VirtualPhone, type VirtualPhoneOptions, type VirtualPhoneInspection } from './virtual-phone';
export { createSimulatedAndroid } from './android/simulated-android';
export type { PhoneLocale, SimulatedAndroid, SimulatedAndroidOptions, UiNode, InstalledApp, PhoneStateSnapshot } from './android/types';
/** The accessibility tree as `uiautomator dump` prints it, for tools that read a screen in-process (bench corpora). */
export { uiDumpXml } from './shell/ui-dump-xml';
