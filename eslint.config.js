import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import layering from './eslint-rules/layering.js';

// The layers along the wire (ARCHITECTURE.md). Each lists the layers it may import; an import
// against that list fails lint (eslint-rules/layering.js, tests/unit/eslint/lint-layering.test.ts).
const layers = [
  { name: 'wire', path: 'packages/wire/', allow: [] },
  { name: 'virtual-phone', path: 'packages/virtual-phone/', allow: ['wire'] },
  { name: 'shared', path: 'src/shared/', allow: ['wire'] },
  { name: 'platform', path: 'src/main/platform/', allow: ['shared', 'wire'] },
  { name: 'phone', path: 'src/main/phone/', allow: ['platform', 'shared', 'wire'] },
  // The agent depends on interfaces only: it never sees adb, scrcpy or the app's settings.
  { name: 'agent', path: 'src/main/agent/', allow: ['shared'] },
  { name: 'features', path: 'src/main/features/', allow: ['agent', 'phone', 'platform', 'shared', 'wire', 'virtual-phone'] },
  { name: 'hosts', path: 'src/main/hosts/', allow: ['features', 'platform', 'shared', 'electron-channels'] },
  // The IPC channel names Electron main and the preload agree on: a leaf both import.
  { name: 'electron-channels', path: 'src/main/hosts/electron/ipc-channels.ts', allow: [] },
  { name: 'preload', path: 'src/preload/', allow: ['shared', 'electron-channels'] },
  { name: 'renderer', path: 'src/renderer/', allow: ['shared', 'wire'] },
  { name: 'cli', path: 'src/cli/', allow: ['features', 'agent', 'phone', 'platform', 'shared', 'wire', 'virtual-phone'] },
];
// packages/* are imported by their package.json "imports" name (#wire -> packages/wire/src/index.ts),
// never by a relative path into them: their index is their public surface.
const { imports } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const aliases = Object.fromEntries(Object.entries(imports).map(([name, target]) => [name, target.replace(/^\.\//, '')]));
const packagePrivate = Object.fromEntries(Object.entries(aliases).map(([name, target]) => [name, `${target.split('/').slice(0, 2).join('/')}/`]));

// Runtimes: services and shared code never import Electron; shared code, the wire formats and
// the renderer never import Node built-ins.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noElectron = { name: 'electron', message: 'Only src/main/hosts/electron and src/preload may import electron.' };
const nodeMessage = 'Node built-ins are not available here: this code also runs in the browser/renderer.';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tmp/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { local: { rules: { layering } } },
    rules: {
      'local/layering': ['error', { layers, aliases, private: packagePrivate }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/html-indent': 'off',
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/cli/**/*.ts', 'packages/virtual-phone/**/*.ts'],
    ignores: ['src/main/hosts/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['electron/*'], message: noElectron.message }] }] },
  },
  {
    files: ['src/shared/**/*.ts', 'packages/wire/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: nodeMessage }))] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: nodeMessage }))] }],
    },
  },
);
