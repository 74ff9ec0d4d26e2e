import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
const root = resolve(import.meta.dirname, '../../..')
export default defineConfig({
  root,
  plugins: [react()],
  resolve: { alias: { '@shared': resolve(root, 'src/shared'), '@renderer': resolve(root, 'src/renderer/src') }, mainFields: ['module', 'main'] },
  test: { environment: 'happy-dom', include: ['test/web/git/**/*.test.{ts,tsx}'] },
})
