/**
 * The session status machine, driven by canonical events (docs/hook-contract.md#status):
 * working on prompt/tool start; waiting on a permission request or a question; attention when a
 * turn finished or failed and the user has not looked yet; idle when acknowledged or on
 * idle_prompt; offline when the process is gone. A failsafe returns a silent "working" session to
 * idle, because a user interrupt fires no Stop.
 */
import type { CanonicalEvent } from '@shared/events'
import type { SessionStatus } from '@shared/sessions'

/** Without any event for this long, a working session with no tool running is considered idle. */
export const WORKING_TIMEOUT_MS = 120_000
/** A running tool (a build, a test suite) may legitimately be silent much longer. */
export const WORKING_WITH_TOOL_TIMEOUT_MS = 30 * 60_000

const WAITING_TOOLS = new Set(['AskUserQuestion', 'ExitPlanMode'])
const WAITING_NOTIFICATIONS = new Set(['permission_prompt', 'elicitation_dialog'])

export function nextStatus(
  current: SessionStatus,
  e: CanonicalEvent,
  kind: 'managed' | 'observed',
): SessionStatus {
  switch (e.type) {
    case 'prompt':
      return 'working'
    case 'tool.start':
      return WAITING_TOOLS.has(e.tool) ? 'waiting' : 'working'
    case 'tool.end':
    case 'tool.batch':
    case 'subagent.start':
    case 'subagent.stop':
    case 'compact':
      return current === 'offline' || current === 'attention' || current === 'idle'
        ? current
        : 'working'
    case 'permission.request':
      return 'waiting'
    case 'notification':
      if (WAITING_NOTIFICATIONS.has(e.kind)) return 'waiting'
      if (e.kind === 'idle_prompt') return current === 'attention' ? 'attention' : 'idle'
      return current
    case 'stop':
    case 'stop.failure':
      return e.agentId ? current : 'attention'
    case 'session.start':
      return current === 'offline' || current === 'working' ? 'idle' : current
    case 'session.end':
      // /clear and resume end one Claude session and start another in the same process.
      if (e.reason === 'clear' || e.reason === 'resume') return current
      return kind === 'observed' ? 'offline' : 'idle'
    default:
      return current
  }
}

export function isStale(
  status: SessionStatus,
  lastEventAt: number,
  toolRunning: boolean,
  now: number,
): boolean {
  if (status !== 'working') return false
  const limit = toolRunning ? WORKING_WITH_TOOL_TIMEOUT_MS : WORKING_TIMEOUT_MS
  return now - lastEventAt > limit
}
