/**
 * Starts a headless core serving a built renderer, for the UI e2e test and manual runs:
 *   npx tsx test/e2e/support/ui-server.ts [rendererDir]   → prints the app URL and the token
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createCore, type Core } from '../../../src/main/core/app'
import { sourceWriterScript } from '../../support/source-writer'
import { buildHookShim } from '../../support/hook-shim-build'
import { finish } from '../../../src/main/core/util/finish'

export interface UiServer {
  core: Core
  /** A new one-time page URL on every read. */
  readonly url: string
  base: string
  token: string
  dataDir: string
  close(): Promise<void>
}

export async function startUiServer(rendererDir = resolve('out/renderer')): Promise<UiServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-ui-'))
  const core = await createCore({
    writerScript: sourceWriterScript(),
    // The core runs from source here: its SessionStart shim is compiled as the app build does
    // (without it SessionStart never arrives and every session stays on 'starting', then 'screen').
    shimPath: await buildHookShim(),
    dataDir,
    runtime: 'headless',
    version: '0.0.0-dev',
    port: 0,
    rendererDir,
    processMetrics: false,
    claudeSettingsFile: join(dataDir, 'claude-settings.json'),
  })
  const base = `http://127.0.0.1:${core.info.port}`
  return {
    core,
    base,
    token: core.info.token,
    get url() {
      return core.services.auth!.pageUrl()!
    },
    dataDir,
    close: async () => {
      await core.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** POSTs one Claude Code hook payload, as the CLI's http hook would. */
export async function postHook(server: UiServer, payload: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${server.base}/hooks/claude`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  })
  if (!res.ok) throw new Error(`hook POST failed: ${res.status} ${await res.text()}`)
}

if (process.argv[1] && /ui-server\.ts$/.test(process.argv[1])) {
  void startUiServer(process.argv[2] ? resolve(process.argv[2]) : undefined).then((server) => {
    console.log(server.url)
    process.on('SIGINT', () => void server.close().then(() => finish(0)))
    process.on('SIGTERM', () => void server.close().then(() => finish(0)))
  })
}
