/**
 * Keyboard actions on a session of an opened replay file: the file is read-only and its session
 * ids are not this machine's, so interrupt, rename, restart, delete and the rest say so instead of
 * asking the core (which would answer "not found"). This machine's sessions still act once back
 * to live.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ImportedReplay } from '@shared/contract/replay'
import { useAppStore } from '../../../src/renderer/src/store'
import { installKeyboard } from '../../../src/renderer/src/keyboard/useKeyboard'
import { installFakeApi, resetStore, session, type Invoke } from '../support/ui-harness'

const T = 1_800_000_000_000
const fileSession = session({ id: 'replay-file-1', name: 'parser-work', kind: 'observed' })
const file = {
  fileName: 'team-run.html',
  appVersion: '9.9.9',
  exportedAt: T,
  span: { firstSeq: 1, lastSeq: 1, firstTs: T, lastTs: T + 1_000 },
  redaction: { strings: 0, patterns: 0, secrets: false, toolOutputs: false },
  sessions: [fileSession],
  initial: { at: T - 1, seq: 0, sessions: [] },
  frames: [],
} as ImportedReplay

let invoke: Invoke
let uninstall: () => void
beforeEach(() => {
  useAppStore.getState().leaveReplay()
  resetStore()
  invoke = installFakeApi()
  uninstall = installKeyboard()
  useAppStore.getState().setSessions([session({ id: 'a', name: 'alpha', status: 'working' })])
})
afterEach(() => {
  useAppStore.getState().leaveReplay()
  uninstall()
  cleanup()
})

const lastToast = () => useAppStore.getState().toasts.at(-1)?.text ?? ''
const sessionCalls = () => invoke.mock.calls.filter(([c]) => String(c).startsWith('sessions.'))

describe('an opened replay file is read-only', () => {
  it('says so for keyboard actions on its sessions, and sends nothing', async () => {
    useAppStore.getState().enterReplay(file.span, file.initial, file)
    useAppStore.getState().selectSession('replay-file-1')
    const before = sessionCalls().length
    for (const [keys, what] of [
      ['{Alt>}x{/Alt}', 'interrupt it'],
      ['{F2}', 'rename it'],
      ['{Alt>}r{/Alt}', 'restart it'],
      ['{Delete}', 'delete it'],
    ]) {
      await userEvent.keyboard(keys)
      expect(lastToast()).toBe(
        `Cannot ${what}: parser-work is from the opened replay file team-run.html, which is read-only. Back to live acts on this machine’s sessions.`,
      )
    }
    expect(useAppStore.getState().dialogs).toEqual([])
    expect(sessionCalls().length).toBe(before)
  })

  it('acts on this machine’s session once back to live', async () => {
    useAppStore.getState().selectSession('a')
    await userEvent.keyboard('{Alt>}x{/Alt}')
    expect(invoke).toHaveBeenCalledWith('sessions.interrupt', { id: 'a' })
  })
})
