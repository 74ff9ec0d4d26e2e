import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const shared = { '@shared': resolve(__dirname, 'src/shared') }

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      rollupOptions: {
        // The Electron shell and the plain-Node headless entry share the same core.
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          headless: resolve(__dirname, 'src/main/headless.ts'),
          'hook-shim': resolve(__dirname, 'src/main/hook-shim.ts'),
          cli: resolve(__dirname, 'src/main/cli.ts'),
          // The events table's writer runs on a worker thread started from this script.
          'event-writer': resolve(__dirname, 'src/main/core/store/writer-thread.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: shared },
    build: { rollupOptions: { output: { format: 'cjs' } } },
  },
  renderer: {
    resolve: {
      alias: { ...shared, '@renderer': resolve(__dirname, 'src/renderer/src') },
    },
    plugins: [react()],
  },
})
