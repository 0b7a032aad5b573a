// Types of electron-binary.js for the TypeScript that imports it (tests, the Electron smoke test).
export function electronDir(root: string): string;
export function electronVersion(root: string): string;
export function installedElectron(root: string, env?: NodeJS.ProcessEnv): { binary: string; missing?: undefined } | { binary?: undefined; missing: string };
export function recentDownloadFailure(root: string, now?: number): { version: string; failedAt: number; reason: string } | undefined;
export function condenseInstallerOutput(output: string): string;
export function downloadElectron(root: string, env?: NodeJS.ProcessEnv): Promise<{ ok: true } | { ok: false; reason: string }>;
export function fuseConfig(fuses: unknown, options: { inspect: boolean }): Record<string | number, unknown>;
export function applyFuses(binary: string, root: string, options?: { inspect?: boolean }): Promise<'unchanged' | 'flipped'>;
