/** A Logger that keeps its entries in memory, for tests that check what was logged. */
import { format } from 'node:util'
import type { Logger, LogLevel } from '../../src/main/core/log/logger'

export interface RecordingLogger extends Logger {
  readonly entries: { level: LogLevel; scope: string | null; text: string }[]
}

export function recordingLogger(): RecordingLogger {
  const entries: RecordingLogger['entries'] = []
  const make = (scope: string | null): Logger => {
    const at =
      (level: LogLevel) =>
      (...args: unknown[]) =>
        void entries.push({ level, scope, text: format(...args) })
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (child) => make(scope ? `${scope}:${child}` : child),
    }
  }
  return Object.assign(make(null), { entries })
}
