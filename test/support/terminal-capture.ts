/** Collects a backend process's output and waits for text to appear on it. */
import type { BackendExit, BackendProcess } from '../../src/main/core/sessions/backends/types'
import { HANG_TIMEOUT_MS } from './patience'

/** Drops escape sequences and control characters so assertions can match plain text. */
export function plainText(raw: string): string {
  /* eslint-disable no-control-regex -- matching terminal control sequences is the point */
  return raw
    .replace(/\x1b\[[0-9;?<>=]*[ -/]*[@-~]/g, '')
    .replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, '')
    .replace(/\x1b[@-_]/g, '')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
  /* eslint-enable no-control-regex */
}

export interface TerminalCapture {
  raw(): string
  text(): string
  /** Resolves once the plain text (from `since` on) matches; rejects with the tail after `timeoutMs`. */
  waitFor(pattern: RegExp | string, options?: { timeoutMs?: number; since?: number }): Promise<void>
  /** Current length of the raw output, to wait only for what comes after. */
  mark(): number
  exited(): Promise<BackendExit>
}

export function captureTerminal(proc: BackendProcess): TerminalCapture {
  let raw = ''
  const listeners = new Set<() => void>()
  proc.onData((data) => {
    raw += data
    for (const l of listeners) l()
  })
  const exited = new Promise<BackendExit>((resolve) => proc.onEnd(resolve))
  return {
    raw: () => raw,
    text: () => plainText(raw),
    mark: () => raw.length,
    exited: () => exited,
    waitFor(pattern, { timeoutMs = HANG_TIMEOUT_MS, since = 0 } = {}) {
      const matches = (): boolean => {
        const text = plainText(raw.slice(since))
        return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)
      }
      if (matches()) return Promise.resolve()
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!matches()) return
          listeners.delete(check)
          clearTimeout(timer)
          resolve()
        }
        const timer = setTimeout(() => {
          listeners.delete(check)
          reject(
            new Error(
              `terminal: ${String(pattern)} did not appear within ${timeoutMs} ms; tail:\n${plainText(raw).slice(-1500)}`,
            ),
          )
        }, timeoutMs)
        listeners.add(check)
      })
    },
  }
}
