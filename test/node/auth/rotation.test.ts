/**
 * Rotating the tokens: the old app token, observer token, browser tokens and unused tickets stop
 * working at once; the files hold the new ones; open UI connections are closed; the global hook
 * wrapper keeps delivering (it reads the observer token's file on every call).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OBSERVER_TOKEN_FILE, TOKEN_FILE } from '../../../src/main/core/util/token'
import { buildHookShim } from '../../support/hook-shim-build'
import {
  connectWs,
  postHook,
  send,
  startCore,
  storedEvents,
  type TestCore,
} from '../pipeline/harness'
import { common } from '../pipeline/payloads'
import { HANG_TIMEOUT_MS } from '../../support/patience'

let t: TestCore
let claudeDir: string
beforeAll(async () => {
  claudeDir = mkdtempSync(join(tmpdir(), 'atelier-rotate-claude-'))
  t = await startCore({
    rendererDir: join(__dirname, 'no-renderer'),
    shimPath: await buildHookShim(),
    claudeSettingsFile: join(claudeDir, 'settings.json'),
  })
})
afterAll(async () => {
  await t.close()
  rmSync(claudeDir, { recursive: true, force: true })
})

const fileToken = (name: string) => readFileSync(join(t.dataDir, name), 'utf8').trim()
const call = (channel: string, token: string) => send(t.port, `/api/${channel}`, {}, { token })

describe('auth.rotate', () => {
  it('retires every old credential and keeps the global hooks working', async () => {
    const oldApp = t.core.info.token
    const oldObserver = fileToken(OBSERVER_TOKEN_FILE)
    const installed = await call('hooks.install', oldApp)
    expect(installed.status).toBe(200)
    const pageTicket = new URL(
      ((await call('auth.pageUrl', oldApp)).json as { url: string }).url,
    ).searchParams.get('ticket')!
    const browser = (
      (
        await send(t.port, '/auth/ticket', {
          ticket: new URL(
            ((await call('auth.pageUrl', oldApp)).json as { url: string }).url,
          ).searchParams.get('ticket'),
        })
      ).json as { token: string }
    ).token
    const ui = await connectWs(t, ['atelier.v1', `bearer.${browser}`])
    const closed = new Promise<number>((resolve) => ui.ws.once('close', (code) => resolve(code)))

    const rotated = await call('auth.rotate', oldApp)
    expect(rotated.status).toBe(200)
    const { url } = rotated.json as { url: string }
    expect(await closed).toBe(4401)

    const newApp = fileToken(TOKEN_FILE)
    expect(newApp).not.toBe(oldApp)
    expect(t.core.info.token).toBe(newApp)
    expect(fileToken(OBSERVER_TOKEN_FILE)).not.toBe(oldObserver)
    expect((await call('sessions.list', oldApp)).status).toBe(401)
    expect((await call('sessions.list', newApp)).status).toBe(200)
    expect((await postHook(t, common('c-old', 'Stop', {}), { token: oldObserver })).status).toBe(
      401,
    )
    await expect(connectWs(t, ['atelier.v1', `bearer.${browser}`])).rejects.toThrow(/401/)
    expect((await send(t.port, '/auth/ticket', { ticket: pageTicket })).status).toBe(401)
    const fresh = new URL(url).searchParams.get('ticket')!
    expect((await send(t.port, '/auth/ticket', { ticket: fresh })).status).toBe(200)

    // The installed wrapper reads the new observer token.
    const settings = JSON.parse(readFileSync(join(claudeDir, 'settings.json'), 'utf8'))
    const command: string = settings.hooks.UserPromptSubmit[0].hooks[0].command
    // Claude Code runs a command hook's string through the shell (the wrapper path is quoted).
    const r = spawnSync('/bin/sh', ['-c', command], {
      input: JSON.stringify(
        common('c-after-rotate', 'UserPromptSubmit', { prompt: 'after rotation', prompt_id: 'r1' }),
      ),
      env: { PATH: process.env.PATH ?? '' },
      timeout: HANG_TIMEOUT_MS,
    })
    expect(r.status).toBe(0)
    const t2 = { ...t, token: newApp }
    const stored = await storedEvents(t2)
    expect(stored.some((e) => e.type === 'prompt' && e.text === 'after rotation')).toBe(true)
  })
})
