// Lint, including the layering rules of ../shared/style.md: each folder may import only the layers below it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'url', 'stream', 'zlib', 'worker_threads'];
const HOSTS = ['**/electron/**', '**/renderer/**', '**/cli/**'];
const UI = ['electron', 'react', 'react-dom', 'zustand'];

/** Builds a no-restricted-imports rule from package names and path globs. */
function restrict(patterns, message) {
  return ['error', { patterns: [{ group: patterns, message }] }];
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'demo-pack/**', '.cache/**', 'test-results/**', '.tmp/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', performance: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // Later blocks override earlier ones for the same rule, so the general engine rule comes first.
  {
    files: ['native-models/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([...UI, ...HOSTS, 'onnxruntime-node'], 'native-models/ is the framework-free engine (no Electron, React, zustand or host code); only native-models/runtime/ imports onnxruntime-node (style rule 4).') },
  },
  {
    files: ['native-models/runtime/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([...UI, ...HOSTS], 'native-models/ is the framework-free engine: no Electron, React, zustand or host code.') },
  },
  {
    files: ['native-models/core/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([...UI, ...HOSTS, ...NODE_BUILTINS, 'onnxruntime-node', 'sharp', '**/runtime/**', '**/models/**', '**/image/**', '**/pipelines/**', '**/batch/**', '**/demo/**'], 'core/ is pure TypeScript: no node:*, onnxruntime, sharp or higher layers.') },
  },
  {
    files: ['native-models/api/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([...UI, ...HOSTS, ...NODE_BUILTINS, 'onnxruntime-node', 'sharp', '**/core/**', '**/runtime/**', '**/models/**', '**/image/**', '**/pipelines/**', '**/batch/**', '**/demo/**'], 'api/ is the contract: it imports nothing but the schema library.') },
  },
  {
    files: ['cli/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([...UI, '**/renderer/**', '**/electron/**', 'onnxruntime-node'], 'cli/ imports native-models/ only.') },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrict([...NODE_BUILTINS, 'electron', 'onnxruntime-node', 'sharp', '**/electron/**', '**/cli/**'], 'renderer/ never imports electron, node:*, onnxruntime or sharp.') },
  },
);
