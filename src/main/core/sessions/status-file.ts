/**
 * Reads what a session's statusLine command writes (agents/claude/status-line-command.ts): the folder is watched
 * (the file may not exist yet, and is rewritten in place), and each complete JSON document found
 * there goes to `onStatus`. A read in progress absorbs the change events that arrive meanwhile
 * and reads once more after, so a burst of refreshes costs at most two reads.
 */
import { watch, type FSWatcher } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { STATUS_FILE_NAME } from '../agents/claude/status-line-command'

/** Claude's statusLine JSON is a few KB; anything much larger is not one. */
export const MAX_STATUS_FILE_BYTES = 256 * 1024

interface Watched {
  watcher: FSWatcher
  file: string
  reading: boolean
  again: boolean
  /** The last text handed on, so a rewrite with the same content is not reported twice. */
  last: string
}

export class StatusFileWatcher {
  private readonly watched = new Map<string, Watched>()

  constructor(private readonly onStatus: (sessionId: string, raw: unknown) => void) {}

  /** Starts watching `folder` for the session's status file (replacing an earlier watch). */
  watch(sessionId: string, folder: string): void {
    this.unwatch(sessionId)
    let watcher: FSWatcher
    try {
      watcher = watch(folder, { persistent: false }, (_kind, name) => {
        if (name === null || String(name) === STATUS_FILE_NAME) void this.read(sessionId)
      })
    } catch {
      return // the folder is gone: the session is being deleted
    }
    watcher.on('error', () => this.unwatch(sessionId))
    this.watched.set(sessionId, {
      watcher,
      file: join(folder, STATUS_FILE_NAME),
      reading: false,
      again: false,
      last: '',
    })
  }

  unwatch(sessionId: string): void {
    this.watched.get(sessionId)?.watcher.close()
    this.watched.delete(sessionId)
  }

  close(): void {
    for (const id of [...this.watched.keys()]) this.unwatch(id)
  }

  private async read(sessionId: string): Promise<void> {
    const w = this.watched.get(sessionId)
    if (!w) return
    if (w.reading) {
      w.again = true
      return
    }
    w.reading = true
    try {
      do {
        w.again = false
        const text = await readFile(w.file, 'utf8').catch(() => '')
        if (this.watched.get(sessionId) !== w) return
        if (!text || text === w.last || text.length > MAX_STATUS_FILE_BYTES) continue
        let raw: unknown
        try {
          raw = JSON.parse(text)
        } catch {
          continue // caught mid-write: the write's own change event brings the whole document
        }
        w.last = text
        this.onStatus(sessionId, raw)
      } while (w.again)
    } finally {
      w.reading = false
    }
  }
}
