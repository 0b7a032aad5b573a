import { execFile } from 'node:child_process';

export interface ToolResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a tool with an argument array (never a shell string) and a time limit. */
export function runTool(file: string, args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: options.timeoutMs ?? 10_000, env: options.env, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof (error as { code?: unknown }).code !== 'number') return reject(error);
      resolve({ stdout: String(stdout), stderr: String(stderr), code: error ? Number((error as { code?: number }).code) : 0 });
    });
  });
}
