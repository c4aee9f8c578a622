import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Raw IPC exists in exactly two files: the main-side registration and the preload. */
const IPC_FILES = ['src/main/ipc/electron-ipc.ts', 'src/preload/index.ts']

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
            { group: ['@shared/contract/schemas', '@shared/contract/api', '@shared/contract/invoke-op', '@shared/contract/*.schemas'], allowTypeImports: true, message: 'Import only types from the schemas: zod stays in main.' },
          ],
        },
      ],
    },
  },
)
