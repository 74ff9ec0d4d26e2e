/**
 * A small append-only log file for the desktop shell: one line per entry, ISO timestamp and
 * level first, rotated once it passes a size cap so it never fills the disk. Synchronous appends
 * on purpose: the lines that matter most are written just before a crash or quit.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { format } from 'node:util'

export const LOG_ROTATE_BYTES = 5 * 1024 * 1024
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  readonly file: string
  debug(...args: unknown[]): void
  info(...args: unknown[]): void
  warn(...args: unknown[]): void
  error(...args: unknown[]): void
}

export function createFileLogger(
  file: string,
  opts: { rotateBytes?: number; echo?: boolean } = {},
): Logger {
  const rotateBytes = opts.rotateBytes ?? LOG_ROTATE_BYTES
  mkdirSync(dirname(file), { recursive: true })
  const write = (level: LogLevel, args: unknown[]): void => {
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${format(...args)}\n`
    if (opts.echo) process.stderr.write(line)
    try {
      if (existsSync(file) && statSync(file).size > rotateBytes) renameSync(file, `${file}.1`)
      appendFileSync(file, line, 'utf8')
    } catch {
      // Logging must never take the app down (disk full, folder removed under us).
    }
  }
  return {
    file,
    debug: (...args) => write('debug', args),
    info: (...args) => write('info', args),
    warn: (...args) => write('warn', args),
    error: (...args) => write('error', args),
  }
}
