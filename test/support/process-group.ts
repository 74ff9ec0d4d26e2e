/**
 * Stopping a whole process group (npm → shell → launcher → app) and knowing it is gone. `npm`
 * exits on SIGTERM before the app it started has finished shutting down, so a test that removes
 * the app's data folder when npm exits races the app's last writes (ENOTEMPTY under load).
 */
import type { ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { HANG_TIMEOUT_MS } from './patience'

/** Whether a process of group `pgid` still runs (a zombie waiting to be reaped does not count). */
export function groupAlive(pgid: number): boolean {
  let entries: string[]
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e))
  } catch {
    // No /proc (macOS): signal 0 to the group says whether any member exists.
    try {
      process.kill(-pgid, 0)
      return true
    } catch {
      return false
    }
  }
  for (const pid of entries) {
    let stat: string
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    } catch {
      continue // it ended while we looked
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so read after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(pgrp) === pgid && state !== 'Z') return true
  }
  return false
}

/** SIGTERM to the child's group (spawned `detached`), then waits until no member of it runs. */
export async function stopGroup(child: ChildProcess): Promise<void> {
  const pgid = child.pid!
  try {
    process.kill(-pgid, 'SIGTERM')
  } catch {
    return // already gone
  }
  const deadline = Date.now() + HANG_TIMEOUT_MS
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) throw new Error(`process group ${pgid} still runs after SIGTERM`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
