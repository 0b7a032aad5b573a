// Public surface of the scrcpy wire formats (shared by the product and the simulated phone).
export * from './bytes';
export * from './control-message';
export * from './device-message';
export * from './video-framing';
export * from './h264';
