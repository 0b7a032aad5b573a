import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rules, linted on snippets with the project's real eslint.config.js: a regression
// in the config or in eslint-rules/layering.js fails here. Paths are where the snippet would
// live; the files need not exist.
describe('layering lint rules', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (filePath: string, code: string, ruleId = 'local/layering') => {
    const [result] = await eslint.lintText(code, { filePath });
    const fatal = result!.messages.filter((m) => m.fatal);
    if (fatal.length) throw new Error(fatal.map((m) => m.message).join('\n'));
    return result!.messages.filter((m) => m.ruleId === ruleId).map((m) => m.message);
  };
  const use = (what: string) => `${what}\nexport const used = [x];\n`;

  it('refuses an import against the direction, naming both layers and what is allowed', async () => {
    const [message] = await lint('src/main/phone/operators/foo.ts', use("import { x } from '../../agent/agent-run';"));
    expect(message).toMatch(/phone may not import agent \('..\/..\/agent\/agent-run'\)\. phone may import: platform, shared, wire/);
  });

  it.each([
    ['the agent importing the phone layer', 'src/main/agent/foo.ts', "import { x } from '../phone/adb/device-shell';"],
    ['a feature importing a host', 'src/main/features/foo.ts', "import { x } from '../hosts/router';"],
    ['the platform importing a feature', 'src/main/platform/foo.ts', "import { x } from '../features/domain';"],
    ['shared code importing main', 'src/shared/foo.ts', "import { x } from '../main/platform/event-bus';"],
    ['the wire formats importing shared code', 'packages/wire/src/foo.ts', "import { x } from '../../../src/shared/errors';"],
    ['the simulated phone importing the app', 'packages/virtual-phone/src/foo.ts', "import { x } from '../../../src/main/phone/adb/adbkit';"],
    ['the renderer importing main', 'src/renderer/src/foo.ts', "import { x } from '../../main/features/app-services';"],
    ['the preload importing the router', 'src/preload/foo.ts', "import { x } from '../main/hosts/router';"],
    ['product code importing tests', 'src/main/phone/foo.ts', "import { x } from '../../../tests/support/temp-dir';"],
  ])('refuses %s', async (_what, file, code) => {
    expect(await lint(file, use(code))).toHaveLength(1);
  });

  it('checks type-only imports, re-exports and dynamic imports as well', async () => {
    expect(await lint('src/main/phone/foo.ts', "import type { X } from '../agent/interfaces';\nexport type Y = X;\n")).toHaveLength(1);
    expect(await lint('src/main/phone/foo.ts', "export { x } from '../agent/interfaces';\n")).toHaveLength(1);
    expect(await lint('src/main/phone/foo.ts', "export * from '../agent/interfaces';\n")).toHaveLength(1);
    expect(await lint('src/main/phone/foo.ts', "export const load = () => import('../agent/agent-run');\n")).toHaveLength(1);
  });

  it('checks Vue single-file components', async () => {
    const sfc = "<script setup lang=\"ts\">\nimport { x } from '../../../main/platform/event-bus';\nconst y = x;\n</script>\n<template><div>{{ y }}</div></template>\n";
    expect(await lint('src/renderer/src/components/Foo.vue', sfc)).toHaveLength(1);
  });

  it('reaches packages only through their public surface', async () => {
    const [message] = await lint('src/main/phone/foo.ts', use("import { x } from '../../../packages/wire/src/scrcpy/control-message';"));
    expect(message).toMatch(/reaches into the package behind #wire; import #wire/);
    expect(await lint('src/main/phone/foo.ts', use("import { x } from '#wire';"))).toEqual([]);
    expect(await lint('packages/virtual-phone/src/foo.ts', use("import { x } from '#wire';"))).toEqual([]);
    expect(await lint('src/shared/foo.ts', use("import { x } from '#virtual-phone';"))).toHaveLength(1);
  });

  it('allows the edges the layers list, and anything within a layer', async () => {
    const allowed: Array<[string, string]> = [
      ['src/main/phone/foo.ts', "import { x } from '../platform/event-bus';"],
      ['src/main/features/foo.ts', "import { x } from '../agent';"],
      ['src/main/features/foo.ts', "import { x } from '#virtual-phone';"],
      ['src/main/hosts/foo.ts', "import { x } from '../features/app-services';"],
      ['src/preload/foo.ts', "import { x } from '../main/hosts/electron/ipc-channels';"],
      ['src/renderer/src/foo.ts', "import { x } from '../../shared/contract';"],
      ['src/cli/foo.ts', "import { x } from '../main/phone/devices/device-service';"],
      ['src/main/agent/protocols/foo.ts', "import { x } from '../coordinate-map';"],
      ['tests/unit/foo.test.ts', "import { x } from '../../packages/virtual-phone/src/android/types';"],
    ];
    for (const [file, code] of allowed) expect(await lint(file, use(code)), `${file}: ${code}`).toEqual([]);
  });

  it('forbids electron outside the Electron host and the preload', async () => {
    const code = use("import { app as x } from 'electron';");
    expect(await lint('src/main/phone/foo/bar.ts', code, 'no-restricted-imports')).toHaveLength(1);
    expect(await lint('src/shared/foo.ts', code, 'no-restricted-imports')).toHaveLength(1);
    expect(await lint('src/main/hosts/electron/main.ts', code, 'no-restricted-imports')).toHaveLength(0);
  });

  it('forbids Node built-ins in the renderer, shared code and the wire formats', async () => {
    expect(await lint('src/renderer/src/foo.ts', use("import { readFile as x } from 'node:fs';"), 'no-restricted-imports')).toHaveLength(1);
    expect(await lint('src/shared/foo.ts', use("import x from 'path';"), 'no-restricted-imports')).toHaveLength(1);
    expect(await lint('packages/wire/src/foo.ts', use("import x from 'node:net';"), 'no-restricted-imports')).toHaveLength(1);
  });
});
