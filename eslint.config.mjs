import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const electronBan = {
  name: 'electron',
  message:
    'src/main/core runs under plain Node (tests, headless mode): never import electron here.',
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
