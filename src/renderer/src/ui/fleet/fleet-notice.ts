/** What changed in the fleet that the user should hear about once: a budget warning, parking. */
import type { FleetSnapshot, SessionFleetState } from '@shared/fleet'

function timeOf(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
}

export function fleetNotices(
  prev: FleetSnapshot | null,
  next: FleetSnapshot,
  nameOf: (sessionId: string) => string,
): string[] {
  if (!prev) return []
  const before = new Map<string, SessionFleetState>(prev.sessions.map((s) => [s.sessionId, s]))
  const out: string[] = []
  for (const s of next.sessions) {
    const was = before.get(s.sessionId)
    if (!was) continue
    const name = nameOf(s.sessionId)
    if (s.hold?.reason === 'parked' && was.hold?.reason !== 'parked')
      out.push(
        `${name} parked until ${timeOf(s.hold.until)}: the 5-hour window is at ${Math.round(s.hold.usedPercent)}%`,
      )
    else if (!s.hold && was.hold?.reason === 'parked') out.push(`${name} is no longer parked`)
    if (s.hold?.reason === 'budget' && was.hold?.reason !== 'budget')
      out.push(`${name} reached its budget: stopped, its prompts wait`)
    else if (s.budget?.level === 'warn' && was.budget?.level !== 'warn')
      out.push(`${name} used ${Math.round((s.budget.spent / s.budget.limit) * 100)}% of its budget`)
  }
  return out
}
