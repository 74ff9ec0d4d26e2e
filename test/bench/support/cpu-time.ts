/**
 * CPU time of the app's processes from /proc (Linux): the headless core by pid, and every
 * Chromium process of one browser, found by its unique profile folder on the command line.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'

const CLOCK_TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100

/** User + system CPU time of one process in ms, or null when it is gone. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis don't.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const utime = Number(fields[11])
    const stime = Number(fields[12])
    return ((utime + stime) * 1000) / CLOCK_TICKS_PER_S
  } catch {
    return null
  }
}

function parentOf(pid: string): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]
  } catch {
    return null
  }
}

/**
 * A process's arguments. Chromium's child processes rewrite their title, which turns the
 * NUL-separated arguments into one space-separated string: both separators split.
 */
function cmdlineOf(pid: string): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/)
  } catch {
    return null
  }
}

/**
 * A Chromium's processes by role (browser, renderer, gpu-process…): the browser process names
 * `profile` on its command line; its children (zygotes, renderers, GPU, utilities) are found
 * through their parent ids.
 */
export function chromiumProcesses(profile: string): { pid: number; role: string }[] {
  const pids = readdirSync('/proc').filter((e) => /^\d+$/.test(e))
  const parent = new Map(pids.map((p) => [p, parentOf(p)]))
  const family = new Set(pids.filter((p) => cmdlineOf(p)?.some((a) => a.includes(profile))))
  for (let grew = true; grew;) {
    grew = false
    for (const p of pids) {
      const pp = parent.get(p)
      if (pp && family.has(pp) && !family.has(p)) {
        family.add(p)
        grew = true
      }
    }
  }
  const out: { pid: number; role: string }[] = []
  for (const pid of family) {
    const args = cmdlineOf(pid)
    if (!args) continue
    const type = args.find((a) => a.startsWith('--type='))?.slice('--type='.length)
    const role =
      type === 'utility'
        ? utilityRole(args)
        : (type ?? (args[0].endsWith('crashpad_handler') ? 'crashpad' : 'browser'))
    out.push({ pid: Number(pid), role })
  }
  return out
}

function utilityRole(args: string[]): string {
  const sub = args.find((a) => a.startsWith('--utility-sub-type='))
  return sub ? `utility:${sub.slice('--utility-sub-type='.length).split('.').pop()}` : 'utility'
}

/** CPU ms per role of the given processes, summed. */
export function cpuByRole(procs: readonly { pid: number; role: string }[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const p of procs) {
    const ms = processCpuMs(p.pid)
    if (ms !== null) out[p.role] = (out[p.role] ?? 0) + ms
  }
  return out
}

export function diffByRole(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const out: Record<string, number> = {}
  for (const role of new Set([...Object.keys(before), ...Object.keys(after)]))
    out[role] = Math.round((after[role] ?? 0) - (before[role] ?? 0))
  return out
}
