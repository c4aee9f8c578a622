import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import fieldbench from './scripts/lint/module-direction.mjs'

/** Raw IPC exists in exactly two files: the main-side registration and the preload. */
const IPC_FILES = ['src/main/ipc/electron-ipc.ts', 'src/preload/index.ts']

const USE_CLOCK = 'Use the injected Clock (src/main/core/clock.ts): now(), sleep() or timer(), so tests and benches run on virtual time.'
/** Jobs, device clients, pollers and simulators take their time from the clock they are given. */
const CLOCKED_FILES = ['src/main/flows/**/*.ts', 'src/main/devices/**/*.ts', 'src/main/core/modules/**/*.ts']
/** tests and their harnesses drive the clock, or wait on the real one on purpose */
const CLOCK_EXEMPT = ['**/*.test.ts', '**/test/**', '**/*harness.ts']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/.artifacts/**', '.ci/.node/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name='ipcMain']", message: 'Register handlers through src/main/ipc/electron-ipc.ts (the typed contract).' },
        { selector: "ImportSpecifier[imported.name='ipcRenderer']", message: 'The renderer talks through window.fieldbench (src/preload).' },
      ],
    },
  },
  {
    files: IPC_FILES,
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: CLOCKED_FILES,
    ignores: CLOCK_EXEMPT,
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: USE_CLOCK },
        { object: 'performance', property: 'now', message: USE_CLOCK },
        { object: 'globalThis', property: 'setTimeout', message: USE_CLOCK },
        { object: 'globalThis', property: 'setInterval', message: USE_CLOCK },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: USE_CLOCK },
        { name: 'setInterval', message: USE_CLOCK },
      ],
    },
  },
  {
    // a file longer than this does several jobs: split it along its seams
    files: ['src/**/*.{ts,tsx}', 'e2e/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.mjs'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    // a test may put a device and the platform together; shipped code keeps the direction
    files: ['src/main/**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { fieldbench },
    rules: { 'fieldbench/module-direction': 'error' },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'electron', 'react', 'react-dom', '*/main/*', '*/renderer/*'], message: 'src/shared is pure: no Node, Electron, DOM or app imports.' }] },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron', '*/main/*'], message: 'The renderer never sees Node, Electron or main.' },
            { group: ['@shared/contract/schemas', '@shared/contract/api', '@shared/contract/invoke-op', '@shared/contract/*.schemas', '@shared/contract/*/*.schemas'], allowTypeImports: true, message: 'Import only types from the schemas: zod stays in main.' },
          ],
        },
      ],
    },
  },
)
