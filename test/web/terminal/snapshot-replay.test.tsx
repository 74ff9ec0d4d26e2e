/**
 * Opening a terminal replays its recent output into xterm. That output can hold the queries the
 * program sent when it started (cursor position, device attributes, colours). Answered again now,
 * the answers would reach the running program as typed input; only live queries are answered.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, waitFor } from '@testing-library/react'
import { TerminalView } from '../../../src/renderer/src/terminal/TerminalView'
import { installFakeApi, resetStore, type Invoke } from '../support/ui-harness'

const ESC = '\x1b'
/** Queries a full-screen program sends at start-up: DSR (cursor position) and DA1. */
const OLD_QUERIES = '\x1b[6n\x1b[c'
const SNAPSHOT = `welcome\r\n${OLD_QUERIES}ready> `

let invoke: Invoke
let listeners: Map<string, (data: never) => void>
/** The component's handler for the `terminal` push. */
const terminalListener = () =>
  listeners.get('terminal') as (d: { id: string; data: string }) => void
beforeEach(() => {
  resetStore()
  listeners = new Map()
  invoke = installFakeApi({ 'terminal.snapshot': () => ({ data: SNAPSHOT }) }, (stream, cb) => {
    listeners.set(stream, cb)
    return () => listeners.delete(stream)
  })
  // happy-dom has no ResizeObserver.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      disconnect() {}
    },
  )
})
afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const inputs = () =>
  vi
    .mocked(invoke)
    .mock.calls.filter(([channel]) => channel === 'terminal.input')
    .map(([, req]) => (req as { data: string }).data)

describe('terminal snapshot replay', () => {
  it('paints the snapshot without answering the queries inside it', async () => {
    const { getByTestId } = render(<TerminalView sessionId="s1" />)
    await waitFor(() => expect(getByTestId('terminal').textContent).toContain('ready>'))
    expect(inputs()).toEqual([])
  })

  it('still answers a query that arrives live', async () => {
    const { getByTestId } = render(<TerminalView sessionId="s1" />)
    await waitFor(() => expect(getByTestId('terminal').textContent).toContain('ready>'))
    terminalListener()({ id: 's1', data: '\x1b[6n' })
    await waitFor(() =>
      expect(inputs()).toEqual([expect.stringMatching(new RegExp(`^${ESC}\\[\\d+;\\d+R$`))]),
    )
  })
})
