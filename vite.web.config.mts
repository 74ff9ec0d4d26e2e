import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// Serves the renderer to a plain browser (headless mode development) with hot reload.
// Start `npm run headless -- --port 4317` alongside; the page talks to it over WebSocket.
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  resolve: {
    alias: {
      '@shared': resolve(import.meta.dirname, 'src/shared'),
      '@renderer': resolve(import.meta.dirname, 'src/renderer/src'),
    },
  },
  plugins: [react()],
  // Development serves the scene probe (see electron.vite.config.ts).
  define: { __SCENE_PROBE__: 'true' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
})
