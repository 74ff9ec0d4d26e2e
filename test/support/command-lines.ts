/**
 * Records the command line of every process that runs while a test does, by sampling
 * /proc/<pid>/cmdline, so a test can say that no secret ever appeared in an argv. A sampler can
 * miss a process that lives less than one sampling period; tests therefore also require that
 * the long-lived processes they care about (an ssh master) were seen at all.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** How often /proc is read, in milliseconds. */
const SAMPLE_EVERY_MS = 5

export interface CommandLineRecorder {
  /** Every distinct argv seen so far. */
  seen(): string[][]
  stop(): string[][]
}

export function recordCommandLines(): CommandLineRecorder {
  const lines = new Map<string, string[]>()
  const sample = () => {
    let pids: string[]
    try {
      pids = readdirSync('/proc').filter((e) => /^\d+$/.test(e))
    } catch {
      return
    }
    for (const pid of pids) {
      let raw: string
      try {
        raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      } catch {
        continue // it ended while we looked
      }
      if (raw && !lines.has(raw)) lines.set(raw, raw.replace(/\0$/, '').split('\0'))
    }
  }
  sample()
  const timer = setInterval(sample, SAMPLE_EVERY_MS)
  return {
    seen: () => [...lines.values()],
    stop() {
      clearInterval(timer)
      sample()
      return [...lines.values()]
    },
  }
}
