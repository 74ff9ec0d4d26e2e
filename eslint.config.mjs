import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import atelier from './eslint-rules/import-boundaries.mjs'

const electronBan = {
  name: 'electron',
  message:
    'src/main/core runs under plain Node (tests, headless mode): never import electron here.',
}
const shellLogicElectronBan = {
  name: 'electron',
  message: 'src/main/shell/desktop and the update logic run under plain Node in tests.',
}
const spawnBan = (name) => ({
  name,
  message:
    'Start processes only through src/main/core/process/spawn.ts (argv arrays, env allow-list).',
})

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The core is Electron-free and owns the one process-spawning chokepoint.
    files: ['src/main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronBan,
            spawnBan('child_process'),
            spawnBan('node:child_process'),
            spawnBan('node-pty'),
          ],
          patterns: [{ group: ['electron/*'], message: electronBan.message }],
        },
      ],
    },
  },
  {
    // Core is shared by the Electron shell and headless mode, so it depends on neither.
    files: ['src/main/core/**/*.ts'],
    plugins: { atelier },
    rules: {
      'atelier/import-boundaries': [
        'error',
        {
          forbidden: ['src/main/shell', 'src/main/index', 'src/main/headless', 'src/main/cli'],
          message:
            'src/main/core imports nothing from the shell (src/main/shell, src/main/index.ts) or the other entry points',
        },
      ],
    },
  },
  {
    // The renderer reaches the main process only through the preload's contract (src/shared).
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { atelier },
    rules: {
      'atelier/import-boundaries': [
        'error',
        {
          forbidden: ['src/main'],
          message: 'the renderer imports nothing from src/main; it talks to it through src/shared',
        },
      ],
    },
  },
  {
    // The shell's own decisions (launch args, window state, updates) are tested under plain Node.
    files: ['src/main/shell/desktop/**/*.ts', 'src/main/shell/updater/**/*.ts'],
    ignores: ['src/main/shell/updater/electron-source.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            shellLogicElectronBan,
            {
              name: 'electron-updater',
              message: 'only src/main/shell/updater/electron-source.ts wraps electron-updater.',
            },
          ],
          patterns: [{ group: ['electron/*'], message: shellLogicElectronBan.message }],
        },
      ],
    },
  },
  {
    files: ['src/main/core/process/spawn.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [{ group: ['electron/*'], message: electronBan.message }],
        },
      ],
    },
  },
  {
    // One name per shared module: `@shared/…` everywhere outside src/shared.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/shared/**'],
    plugins: { atelier },
    rules: { 'atelier/shared-via-alias': 'error' },
  },
  {
    // Shared contract is pure TypeScript: no Node, no Electron, no DOM-only APIs.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'electron/*', 'react'],
              message: 'src/shared is pure TypeScript.',
            },
          ],
        },
      ],
    },
  },
)
