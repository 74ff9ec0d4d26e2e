/** CPU time of a process from /proc (Linux): its own, and that of its children it has reaped. */
import { readFileSync } from 'node:fs'

/** USER_HZ: /proc reports CPU time in these ticks (100 on every Linux this runs on). */
export const TICKS_PER_SECOND = 100

export interface CpuTicks {
  /** utime + stime */
  self: number
  /** cutime + cstime: children that have exited and been waited for. */
  children: number
}

/** null when the process is gone or /proc is not there. */
export function cpuTicks(pid: number): CpuTicks | null {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  // The command name (field 2) may contain spaces and parentheses: count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // fields[0] is field 3 (state); utime, stime, cutime, cstime are fields 14–17.
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number)
  return { self: utime + stime, children: cutime + cstime }
}
