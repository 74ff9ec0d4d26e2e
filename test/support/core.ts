/** An in-process core on a free port with a throwaway data folder, for node tests. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core, type CoreOptions } from '../../src/main/core/app'
import { sourceWriterScript } from './source-writer'
import { HANG_TIMEOUT_MS } from './patience'

export interface TestCore {
  core: Core
  dataDir: string
  url: (path: string) => string
  hook(body: unknown, headers?: Record<string, string>): Promise<Response>
  api<T = unknown>(channel: string, body?: unknown): Promise<T>
  close(): Promise<void>
}

export async function startTestCore(opts: Partial<CoreOptions> = {}): Promise<TestCore> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'atelier-test-'))
  const core = await createCore({
    writerScript: sourceWriterScript(),
    dataDir,
    runtime: 'headless',
    version: 'test',
    port: 0,
    processMetrics: false,
    claudeSettingsFile: join(dataDir, 'claude-settings.json'),
    ...opts,
  })
  const url = (path: string) => `http://127.0.0.1:${core.info.port}${path}`
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url(path), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${core.info.token}`,
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  return {
    core,
    dataDir,
    url,
    hook: (body, headers) => post('/hooks/claude', body, headers),
    async api(channel, body = {}) {
      const res = await post(`/api/${channel}`, body)
      const json = await res.json()
      if (!res.ok)
        throw Object.assign(new Error(`${channel}: ${res.status} ${JSON.stringify(json)}`), {
          status: res.status,
          body: json,
        })
      return json as never
    },
    async close() {
      await core.close()
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function waitFor<T>(
  fn: () => T | Promise<T>,
  { timeoutMs = HANG_TIMEOUT_MS, intervalMs = 20 } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const v = await fn()
      if (v) return v as NonNullable<T>
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline)
      throw new Error(`waitFor timed out${last ? `: ${String(last)}` : ''}`)
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}
