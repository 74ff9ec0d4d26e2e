import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { metaContentSecurityPolicy } from './src/main/shell/desktop/csp'

const shared = { '@shared': resolve(__dirname, 'src/shared') }

/**
 * The scene probe (`window.__atelierScene`, scene/DebugHook.tsx) for end-to-end tests and the
 * scene bench: compiled in only when ATELIER_SCENE_PROBE=1 (`npm run build:test`); production
 * builds drop it.
 */
const sceneProbe = process.env.ATELIER_SCENE_PROBE === '1'

/**
 * Writes the packaged Content-Security-Policy into the built index.html as a `<meta>` tag, first
 * in <head> so it governs everything after it. Build only: the dev server needs React Refresh's
 * inline preamble, which the shell allows by header in dev.
 */
function cspMetaTag(): Plugin {
  return {
    name: 'atelier-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy() },
        injectTo: 'head-prepend',
      },
    ],
  }
}

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
          'event-writer': resolve(__dirname, 'src/main/core/store/writer/worker.ts'),
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
    plugins: [react(), cspMetaTag()],
    define: { __SCENE_PROBE__: JSON.stringify(sceneProbe) },
    // Minified: the window parses and runs less before its first paint (electron-vite leaves
    // minification off unless asked).
    build: { minify: true, reportCompressedSize: false },
  },
})
