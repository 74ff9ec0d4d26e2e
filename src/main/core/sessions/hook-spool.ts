/**
 * Reads the hooks a managed session's async command hooks leave in its spool folder
 * (agents/claude/spool-hook-command.ts) and hands each to `onHook` in the order Claude started
 * them (the time in the file's name), one at a time, deleting each file once handled. The folder
 * is watched; a pass in progress absorbs the change events that arrive meanwhile and runs once
 * more after. A file whose JSON is still incomplete (its `cat` is still writing) stops the pass,
 * so nothing behind it overtakes it; it is looked at again on its next change, or after
 * PARTIAL_RETRY_MS, and dropped once it has stayed broken for PARTIAL_GIVE_UP_MS.
 */
import { mkdirSync, watch, type FSWatcher } from 'node:fs'
import { readdir, readFile, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { SPOOL_FILE_RE } from '../agents/claude/spool-hook-command'
import { MAX_HOOK_BODY_BYTES } from '../http/body'
import type { Logger } from '../log/logger'

/** Look again at an incomplete file this soon even if no change event comes. */
export const PARTIAL_RETRY_MS = 100
/** An incomplete file this old was left by a writer that died: it is dropped. */
export const PARTIAL_GIVE_UP_MS = 10_000
/** Files handled per pass before the next pass (which yields to other work in between). */
const MAX_FILES_PER_PASS = 500

interface Spool {
  watcher: FSWatcher
  dir: string
  draining: boolean
  again: boolean
  retry: NodeJS.Timeout | undefined
}

export type SpoolHandler = (sessionId: string, raw: unknown) => Promise<void>

/** Time order of spool file names: seconds, microseconds, then the pid (never equal twice). */
function byStartTime(a: RegExpExecArray, b: RegExpExecArray): number {
  return Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2]) || Number(a[3]) - Number(b[3])
}

export class HookSpoolReader {
  private readonly spools = new Map<string, Spool>()

  constructor(
    private readonly onHook: SpoolHandler,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates the session's spool folder if needed, reads what is already there, and watches it. */
  watch(sessionId: string, dir: string): void {
    this.unwatch(sessionId)
    let watcher: FSWatcher
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      watcher = watch(dir, { persistent: false }, () => void this.drain(sessionId))
    } catch (err) {
      this.log.warn('cannot watch the hook spool folder', { dir, error: String(err) })
      return
    }
    watcher.on('error', () => this.unwatch(sessionId))
    this.spools.set(sessionId, { watcher, dir, draining: false, again: false, retry: undefined })
    void this.drain(sessionId)
  }

  unwatch(sessionId: string): void {
    const spool = this.spools.get(sessionId)
    if (!spool) return
    spool.watcher.close()
    if (spool.retry) clearTimeout(spool.retry)
    this.spools.delete(sessionId)
  }

  close(): void {
    for (const id of [...this.spools.keys()]) this.unwatch(id)
  }

  /** Resolves once no pass is running for the session (for shutdown and tests). */
  async drain(sessionId: string): Promise<void> {
    const spool = this.spools.get(sessionId)
    if (!spool) return
    if (spool.draining) {
      spool.again = true
      return
    }
    spool.draining = true
    try {
      do {
        spool.again = false
        await this.pass(sessionId, spool)
      } while (spool.again && this.spools.get(sessionId) === spool)
    } finally {
      spool.draining = false
    }
  }

  private async pass(sessionId: string, spool: Spool): Promise<void> {
    const names = await readdir(spool.dir).catch(() => [] as string[])
    const files = names
      .map((name) => SPOOL_FILE_RE.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort(byStartTime)
    for (const [i, m] of files.entries()) {
      if (this.spools.get(sessionId) !== spool) return
      if (i === MAX_FILES_PER_PASS) {
        spool.again = true
        return
      }
      const file = join(spool.dir, m[0])
      const read = await this.read(file)
      if (read === 'incomplete') {
        // Later files wait for this one: retried on its next write, or soon in any case.
        spool.retry ??= setTimeout(() => {
          spool.retry = undefined
          void this.drain(sessionId)
        }, PARTIAL_RETRY_MS)
        return
      }
      if (read !== 'dropped') {
        try {
          await this.onHook(sessionId, read.raw)
        } catch (err) {
          this.log.warn('a spooled hook was refused', { file: m[0], error: String(err) })
        }
      }
      await unlink(file).catch(() => {})
    }
  }

  private async read(file: string): Promise<{ raw: unknown } | 'incomplete' | 'dropped'> {
    const info = await stat(file).catch(() => null)
    if (!info) return 'dropped' // gone meanwhile
    if (info.size > MAX_HOOK_BODY_BYTES) {
      this.log.warn('a spooled hook is too large; dropped', { file, bytes: info.size })
      return 'dropped'
    }
    const text = await readFile(file, 'utf8').catch(() => '')
    try {
      return { raw: JSON.parse(text) as unknown }
    } catch {
      if (this.now() - info.mtimeMs < PARTIAL_GIVE_UP_MS) return 'incomplete'
      this.log.warn('a spooled hook never became whole JSON; dropped', { file })
      return 'dropped'
    }
  }
}
