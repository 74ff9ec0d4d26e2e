/**
 * The app's one logger, shared by the core and the desktop shell: one line per entry (ISO time,
 * level, optional scope, message) in `<data>/logs/atelier.log`, entries below the configured level
 * dropped, the file rotated once it passes a size cap (atelier.log → .1 → .2 …, the oldest
 * deleted) so it never fills the disk. Synchronous appends on purpose: the lines that matter most
 * are written just before a crash or quit. Entry points create it; everything else receives it.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { format } from 'node:util'

export const LOG_FILE_NAME = 'atelier.log'
export const LOG_ROTATE_BYTES = 5 * 1024 * 1024
/** Rotated files kept beside the current one. */
export const LOG_KEEP_ROTATED = 3
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface Logger {
  /** The file this logger writes, when it writes one. */
  readonly file?: string
  debug(...args: unknown[]): void
  info(...args: unknown[]): void
  warn(...args: unknown[]): void
  error(...args: unknown[]): void
  /** The same log, each line tagged `[scope]`. */
  child(scope: string): Logger
}

export interface FileLoggerOptions {
  /** Lowest level written (default info). */
  level?: LogLevel
  rotateBytes?: number
  keepRotated?: number
  /** Also write each line to stderr (development runs, headless mode). */
  echo?: boolean
}

/** A level name from configuration (ATELIER_LOG_LEVEL), or the fallback for anything else. */
export function parseLogLevel(value: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  const wanted = value?.trim().toLowerCase()
  return (LOG_LEVELS as readonly string[]).includes(wanted ?? '') ? (wanted as LogLevel) : fallback
}

type Write = (level: LogLevel, scope: string | null, args: unknown[]) => void

function loggerFrom(write: Write, scope: string | null, file?: string): Logger {
  return {
    file,
    debug: (...args) => write('debug', scope, args),
    info: (...args) => write('info', scope, args),
    warn: (...args) => write('warn', scope, args),
    error: (...args) => write('error', scope, args),
    child: (child) => loggerFrom(write, scope ? `${scope}:${child}` : child, file),
  }
}

function formatLine(level: LogLevel, scope: string | null, args: unknown[]): string {
  const tag = scope ? `[${scope}] ` : ''
  return `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${tag}${format(...args)}\n`
}

/** atelier.log → atelier.log.1 → … → atelier.log.<keep>, which is deleted. */
function rotate(file: string, keep: number): void {
  rmSync(`${file}.${keep}`, { force: true })
  for (let n = keep - 1; n >= 1; n--) {
    try {
      renameSync(`${file}.${n}`, `${file}.${n + 1}`)
    } catch {
      // that generation does not exist yet
    }
  }
  renameSync(file, `${file}.1`)
}

export function createFileLogger(file: string, opts: FileLoggerOptions = {}): Logger {
  const minimum = LOG_LEVELS.indexOf(opts.level ?? 'info')
  const rotateBytes = opts.rotateBytes ?? LOG_ROTATE_BYTES
  const keep = Math.max(1, opts.keepRotated ?? LOG_KEEP_ROTATED)
  mkdirSync(dirname(file), { recursive: true })
  let size: number | null = null
  const write: Write = (level, scope, args) => {
    if (LOG_LEVELS.indexOf(level) < minimum) return
    const line = formatLine(level, scope, args)
    if (opts.echo) process.stderr.write(line)
    try {
      size ??= statSizeOrZero(file)
      if (size > rotateBytes) {
        rotate(file, keep)
        size = 0
      }
      appendFileSync(file, line, 'utf8')
      size += Buffer.byteLength(line)
    } catch {
      // Logging must never take the app down (disk full, folder removed under us).
      size = null
    }
  }
  return loggerFrom(write, null, file)
}

function statSizeOrZero(file: string): number {
  try {
    return statSync(file).size
  } catch {
    return 0
  }
}

/** For code used without an entry point's logger (tests, scripts): stderr, every level. */
export function createConsoleLogger(): Logger {
  return loggerFrom(
    (level, scope, args) => process.stderr.write(formatLine(level, scope, args)),
    null,
  )
}
