/**
 * `npm run token -- rotate` (issue 14, finding 13: a rotate command in the UI and the CLI). With
 * the app running it rotates through the app, so the old token stops working at once and the
 * file holds the one the app now accepts; with no app answering it replaces the app and observer
 * token files itself, still private.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  loadOrCreateToken,
  OBSERVER_TOKEN_FILE,
  TOKEN_FILE,
} from '../../../src/main/core/util/token'
import { send, startCore, type TestCore } from '../pipeline/harness'

const ROOT = join(__dirname, '../../..')

/** Runs src/main/cli.ts as `npm run token` runs the built one. */
function tokenCli(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/main/cli.ts'), 'token', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

const readToken = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8').trim()

describe('npm run token -- rotate', () => {
  let t: TestCore
  beforeAll(async () => {
    t = await startCore({ rendererDir: join(__dirname, 'no-renderer') })
  })
  afterAll(async () => {
    await t.close()
  })

  it('with the app running: rotates through it, and the old token is refused at once', async () => {
    const old = readToken(t.dataDir, TOKEN_FILE)
    expect((await send(t.port, '/api/sessions.list', {}, { token: old })).status).toBe(200)
    const r = await tokenCli(['rotate', '--data-dir', t.dataDir, '--port', String(t.port)])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/rotated the tokens of the running app/)
    const now = readToken(t.dataDir, TOKEN_FILE)
    expect(now).not.toBe(old)
    expect((await send(t.port, '/api/sessions.list', {}, { token: old })).status).toBe(401)
    expect((await send(t.port, '/api/sessions.list', {}, { token: now })).status).toBe(200)
  })

  it('with no app answering: replaces both token files itself, still 0600', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atelier-token-cli-'))
    try {
      const before = {
        app: loadOrCreateToken(dataDir, TOKEN_FILE),
        observer: loadOrCreateToken(dataDir, OBSERVER_TOKEN_FILE),
      }
      const r = await tokenCli([
        'rotate',
        '--data-dir',
        dataDir,
        '--port',
        String(await closedPort()),
      ])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toMatch(/Atelier is not running/)
      for (const [name, file] of [
        ['app', TOKEN_FILE],
        ['observer', OBSERVER_TOKEN_FILE],
      ] as const) {
        const after = readToken(dataDir, file)
        expect(after, `${name} token`).toMatch(/^[a-f0-9]{32,}$/)
        expect(after, `${name} token`).not.toBe(before[name])
        expect(statSync(join(dataDir, file)).mode & 0o777, `${name} token file`).toBe(0o600)
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
