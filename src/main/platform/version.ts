// Injected by electron-vite's `define` at build time; vitest and tsx fall back to package.json's.
declare const __APP_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
