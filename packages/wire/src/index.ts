// Public surface of the wire formats, shared by the app and the simulated phone: scrcpy
// control/device messages, video framing and server options, H.264, the ADB packet, keycodes.
export * from './bytes';
export * from './scrcpy/control-message';
export * from './scrcpy/device-message';
export * from './scrcpy/video-framing';
export * from './scrcpy/server-options';
export * from './h264';
export * from './adb/packet';
export * from './android-keycodes';
