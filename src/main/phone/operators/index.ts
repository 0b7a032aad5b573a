// The phone side of the agent: PhoneOperator implementations over adb and over a scrcpy mirror.
export { createPhoneOperator, type CreatePhoneOperatorOptions, type OwnedPhoneOperator } from './create-operator';
export { AdbPhoneOperator, type AdbPhoneOperatorOptions } from './adb-operator';
export { MirrorPhoneOperator, type MirrorPhoneOperatorOptions } from './mirror-operator';
export { DeviceShell } from '../adb/device-shell';
export { quoteShellArg, shellCommand } from '../adb/shell-quote';
export { DEFAULT_SETTLE, type SettleConfig } from './settle-config';
export type { ScreenImageFormat, ScreenImageOptions } from './image-encode';
export { AppCatalog, type ScrcpyServerFile } from '../apps/app-catalog';
export { resolveApp, normalizeAppName, type LaunchableApp } from '../apps/resolve-app';
