import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rules themselves: a regression in eslint.config.js must fail here.
describe('layering lint rules', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it('forbids electron in services and shared code', async () => {
    expect(await lint("import { app } from 'electron';\nexport const a = app;\n", 'src/main/phone/foo/bar.ts')).toHaveLength(1);
    expect(await lint("import { app } from 'electron';\nexport const a = app;\n", 'src/shared/foo.ts')).toHaveLength(1);
  });

  it('forbids Node built-ins in the renderer and shared code', async () => {
    expect(await lint("import { readFile } from 'node:fs';\nexport const r = readFile;\n", 'src/renderer/src/foo.ts')).toHaveLength(1);
    expect(await lint("import path from 'path';\nexport const p = path;\n", 'src/shared/foo.ts')).toHaveLength(1);
  });

  it('allows electron where the app is wired', async () => {
    expect(await lint("import { app } from 'electron';\nexport const a = app;\n", 'src/main/hosts/electron/main.ts')).toHaveLength(0);
  });
});
