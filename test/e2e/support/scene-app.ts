/**
 * Starts headless mode (the real core, serving a built renderer) on a free port with a fresh data
 * folder, and posts Claude hook payloads to it. Used by the scene e2e test and the scene bench.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createCore, type Core } from '../../../src/main/core/app'

export interface SceneApp {
  url: string
  port: number
  token: string
  core: Core
  /** Posts one hook payload (Claude Code's hook JSON) and waits for the answer. */
  hook(payload: Record<string, unknown>): Promise<void>
  close(): Promise<void>
}

export const DEFAULT_RENDERER_DIR = resolve(import.meta.dirname, '../../../out/renderer')

export async function startSceneApp(rendererDir = process.env.ATELIER_RENDERER_DIR ?? DEFAULT_RENDERER_DIR): Promise<SceneApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-scene-'))
  const core = await createCore({ dataDir, runtime: 'headless', version: '0.0.0-test', port: 0, rendererDir, processMetrics: false })
  const { port, token } = core.info
  const hookUrl = `http://127.0.0.1:${port}/hooks/claude`
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    core,
    async hook(payload) {
      const res = await fetch(hookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(payload),
      })
      if (!res.ok) throw new Error(`hook ${String(payload.hook_event_name)} answered ${res.status}: ${await res.text()}`)
    },
    async close() {
      await core.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
