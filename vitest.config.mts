import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

const alias = {
  '@shared': resolve(import.meta.dirname, 'src/shared'),
  '@renderer': resolve(import.meta.dirname, 'src/renderer/src'),
}

/** Files that start the real CLI, tmux or child cores. */
const HEAVY = [
  'test/node/app/**/*.test.ts',
  'test/node/cli/**/*.test.ts',
  'test/node/pipeline/**/*crash*.test.ts',
  'test/node/pipeline/**/*kill*.test.ts',
]

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/node/**/*.test.ts'],
          exclude: [...HEAVY],
          // A test fails on a state it never reached, long before these (see HANG_TIMEOUT_MS);
          // they are only a last resort for a test that hangs outside any wait.
          testTimeout: 180_000,
          hookTimeout: 180_000,
          pool: 'forks',
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Tests that drive the real Claude Code CLI or kill processes: one file at a time, after
        // the parallel suites, so they never compete for the 2 cores and time out.
        resolve: { alias },
        test: {
          name: 'cli',
          environment: 'node',
          include: [...HEAVY],
          testTimeout: 600_000,
          hookTimeout: 300_000,
          pool: 'forks',
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        plugins: [react()],
        define: { __SCENE_PROBE__: 'false' },
        resolve: { alias, mainFields: ['module', 'main'] },
        test: {
          name: 'web',
          environment: 'happy-dom',
          include: ['test/web/**/*.test.{ts,tsx}'],
          setupFiles: ['test/web/setup.ts'],
          testTimeout: 120_000,
          sequence: { groupOrder: 0 },
        },
      },
    ],
  },
})
