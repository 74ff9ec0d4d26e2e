/**
 * The session lifecycle (docs/session-lifecycle.md): every state a session and a tool call can be
 * in, and the one pure reducer that moves a session between them. The live registry folds each
 * stored event and app action through it; replay folds the stored history through the same
 * function to rebuild the state at any instant, so it never reads a clock or anything outside its
 * arguments: time arrives inside the input.
 */
import { z } from 'zod'
import type { CanonicalEvent } from './events'

/**
 * starting: launched, Claude Code has not said SessionStart yet.
 * screen: Claude waits on a screen in its terminal the app cannot answer (trust, login, update).
 * idle: ready for a prompt, no turn ran since it started or since the user looked.
 * working / permission / question: a turn runs; in the last two it waits for a decision or an answer.
 * interrupted / finished / failed: how the last turn ended (Esc or Stop; Stop; StopFailure).
 * offline: no process (exited with a code or a signal, or never started since the app did).
 */
export const SESSION_STATES = [
  'starting',
  'screen',
  'idle',
  'working',
  'permission',
  'question',
  'interrupted',
  'finished',
  'failed',
  'offline',
] as const
export const SessionStateSchema = z.enum(SESSION_STATES)
export type SessionState = z.infer<typeof SessionStateSchema>

/** One word or two per state, as the cards and the exported replay say it. */
export const SESSION_STATE_LABEL: Record<SessionState, string> = {
  starting: 'Starting',
  screen: 'Check its terminal',
  idle: 'Idle',
  working: 'Working',
  permission: 'Needs permission',
  question: 'Has a question',
  interrupted: 'Interrupted',
  finished: 'Finished',
  failed: 'Failed',
  offline: 'Offline',
}

/** A turn runs in exactly these states. */
export const TURN_STATES: ReadonlySet<SessionState> = new Set(['working', 'permission', 'question'])
/** "Needs you" means exactly this: a decision, an answer or a terminal screen is pending. */
export const NEEDS_YOU_STATES: ReadonlySet<SessionState> = new Set([
  'screen',
  'permission',
  'question',
])
/** Typed text would land inside a turn, a question or a screen: prompts wait in the queue. */
export const BUSY_STATES: ReadonlySet<SessionState> = new Set([
  'starting',
  'screen',
  'working',
  'permission',
  'question',
])

export const isTurnState = (s: SessionState): boolean => TURN_STATES.has(s)
export const needsYou = (s: SessionState): boolean => NEEDS_YOU_STATES.has(s)

/**
 * running: started, no end yet. done / failed: its PostToolUse / PostToolUseFailure. denied: a
 * permission decision said no (who and why are on the decision). interrupted: its turn ended
 * (interrupt, Stop, exit) before its end arrived, or Claude reported it interrupted.
 * answered-in-terminal: its permission prompt was answered in Claude's own terminal.
 */
export const TOOL_CALL_STATES = [
  'running',
  'done',
  'failed',
  'denied',
  'interrupted',
  'answered-in-terminal',
] as const
export type ToolCallState = (typeof TOOL_CALL_STATES)[number]

/** Tools whose call is itself a question to the user, or a decision (a plan to approve). */
const QUESTION_TOOLS: ReadonlySet<string> = new Set(['AskUserQuestion'])
const DECISION_TOOLS: ReadonlySet<string> = new Set(['ExitPlanMode'])
const PERMISSION_NOTIFICATIONS: ReadonlySet<string> = new Set(['permission_prompt'])
const QUESTION_NOTIFICATIONS: ReadonlySet<string> = new Set(['elicitation_dialog'])

/** Without any event for this long, a working session with no tool running is considered idle. */
export const WORKING_TIMEOUT_MS = 120_000
/** A running tool (a build, a test suite) may legitimately be silent much longer. */
export const WORKING_WITH_TOOL_TIMEOUT_MS = 30 * 60_000

/** Bounds on what one session's state holds, whatever the hooks send. */
export const MAX_OPEN_TOOL_CALLS = 256
export const MAX_SUBAGENTS_PER_SESSION = 64

export interface OpenToolCall {
  toolUseId: string
  tool: string
  since: number
  /** Set when the call runs inside a subagent. */
  agentId?: string
}

/** A tool call this transition ended without its own end event, and how. */
export interface ClosedToolCall extends OpenToolCall {
  state: Exclude<ToolCallState, 'running'>
}

export interface SessionLifecycle {
  state: SessionState
  /** Open tool calls of the running turn, oldest first. Empty whenever no turn runs. */
  tools: readonly OpenToolCall[]
  /** Running subagents: id → type. */
  subagents: Readonly<Record<string, string>>
  /** When the last input arrived (what the working timeout measures). */
  lastInputAt: number
  /** failed: the StopFailure's error and details. */
  failure?: { error: string; details?: string }
  /** offline after a process exit. */
  exit?: { code: number | null; signal: string | null }
  /** Calls the last transition closed (interrupted, denied…): the feed ends their rows. */
  closed: readonly ClosedToolCall[]
  /**
   * The permission last asked in this turn was decided (from the app, the terminal or a rule).
   * Claude Code's own "needs your permission" notice for it can still arrive after the decision
   * (it is sent on a timer of its own); it then changes nothing. A new request or call clears it.
   */
  permissionDecided?: true
}

export type SessionKind = 'managed' | 'observed'

/** Things that happen to a session other than a hook event. */
export type LifecycleAction =
  /** The app spawned Claude Code; it has not said SessionStart yet. */
  | { type: 'process.spawned'; ts: number }
  /** A running process was found again (tmux after an app restart): no SessionStart will come. */
  | { type: 'process.adopted'; ts: number }
  /** The starting engineer's detector saw a screen in the terminal before SessionStart. */
  | { type: 'process.screen'; ts: number }
  | { type: 'process.exit'; ts: number; code: number | null; signal: string | null }
  /** The failsafe sweep: `ts` is now. */
  | { type: 'tick'; ts: number }

export type LifecycleInput = { type: 'event'; event: CanonicalEvent } | LifecycleAction

export function initialLifecycle(state: SessionState, ts: number): SessionLifecycle {
  return { state, tools: [], subagents: {}, lastInputAt: ts, closed: [] }
}

/** Ends every open call as `state`; the turn ended without their own end. */
function closeAll(
  tools: readonly OpenToolCall[],
  state: ClosedToolCall['state'],
): ClosedToolCall[] {
  return tools.map((t) => ({ ...t, state }))
}

/** Leaves the turn for `state`: no call stays open once its turn is over. */
function endTurn(
  s: SessionLifecycle,
  state: SessionState,
  closedAs: ClosedToolCall['state'],
  extra: Partial<SessionLifecycle> = {},
): SessionLifecycle {
  return {
    ...s,
    state,
    tools: [],
    closed: closeAll(s.tools, closedAs),
    failure: undefined,
    exit: undefined,
    permissionDecided: undefined,
    ...extra,
  }
}

/**
 * The process ended: offline, with how it ended. Both the live action and the event the app
 * stores for it (so the feed and replay see it) come here; the second of the two changes nothing.
 */
function exited(s: SessionLifecycle, code: number | null, signal: string | null): SessionLifecycle {
  return endTurn(s, 'offline', 'interrupted', { subagents: {}, exit: { code, signal } })
}

/** The state an in-turn activity puts the session in, from where it stands. */
function activeState(current: SessionState, kind: SessionKind): SessionState | null {
  // A managed process that exited says nothing more; a late event must not revive it. An observed
  // session is only known through its hooks, so its events are its life.
  if (current === 'offline' && kind === 'managed') return null
  return 'working'
}

function onEvent(s: SessionLifecycle, e: CanonicalEvent, kind: SessionKind): SessionLifecycle {
  const inTurn = isTurnState(s.state)
  switch (e.type) {
    // Claude answers an injected message (a subagent's result, its own notice) as it answers a
    // prompt: a turn starts. Only the registry and the feed tell them apart.
    case 'prompt':
    case 'subagent.result':
    case 'claude.notice': {
      if (e.agentId || !activeState(s.state, kind)) return s
      // A new prompt while the last turn's calls are open: their ends were lost.
      return {
        ...s,
        state: 'working',
        tools: [],
        closed: closeAll(s.tools, 'interrupted'),
        failure: undefined,
        exit: undefined,
        permissionDecided: undefined,
      }
    }
    case 'tool.start': {
      // A subagent's call outside a turn (a background agent) belongs to no turn of this session.
      if (e.agentId && !inTurn) return s
      const next = activeState(s.state, kind)
      if (!next) return s
      const tools = s.tools.some((t) => t.toolUseId === e.toolUseId)
        ? s.tools
        : [
            // The oldest open call is forgotten past the bound (its end was surely lost).
            ...s.tools.slice(-(MAX_OPEN_TOOL_CALLS - 1)),
            {
              toolUseId: e.toolUseId,
              tool: e.tool,
              since: e.ts,
              ...(e.agentId ? { agentId: e.agentId } : {}),
            },
          ]
      let state: SessionState = inTurn ? s.state : next
      if (!e.agentId) {
        if (QUESTION_TOOLS.has(e.tool)) state = 'question'
        else if (DECISION_TOOLS.has(e.tool)) state = 'permission'
        else state = 'working'
      }
      return {
        ...s,
        state,
        tools,
        failure: undefined,
        exit: undefined,
        ...(e.agentId ? {} : { permissionDecided: undefined }),
      }
    }
    case 'tool.end': {
      const open = s.tools.find((t) => t.toolUseId === e.toolUseId)
      if (!open) return s
      const tools = s.tools.filter((t) => t.toolUseId !== e.toolUseId)
      // The question or plan was answered (or the permission granted): the turn goes on.
      const state = !open.agentId && inTurn ? 'working' : s.state
      return { ...s, state, tools }
    }
    case 'tool.batch': {
      const ids = new Set(e.toolUseIds)
      const tools = s.tools.filter((t) => !ids.has(t.toolUseId))
      return tools.length === s.tools.length ? s : { ...s, tools }
    }
    case 'permission.request':
      if (e.agentId && !inTurn) return s
      if (!activeState(s.state, kind)) return s
      return {
        ...s,
        state: 'permission',
        failure: undefined,
        exit: undefined,
        permissionDecided: undefined,
      }
    case 'notification':
      // Claude's notice of a prompt the app has already seen decided: the call goes on.
      if (PERMISSION_NOTIFICATIONS.has(e.kind) && s.permissionDecided && s.state === 'working')
        return s
      if (PERMISSION_NOTIFICATIONS.has(e.kind) && activeState(s.state, kind))
        return { ...s, state: 'permission', failure: undefined, exit: undefined }
      if (QUESTION_NOTIFICATIONS.has(e.kind) && activeState(s.state, kind))
        return { ...s, state: 'question', failure: undefined, exit: undefined }
      // idle_prompt: Claude sits at its input box. After a turn's end that changes nothing (the
      // outcome stays shown); a "working" session hearing it was interrupted in its terminal.
      if (e.kind === 'idle_prompt' && s.state === 'working')
        return endTurn(s, 'idle', 'interrupted')
      return s
    case 'stop':
      if (e.agentId) return s
      // Claude Code sends no Stop for a turn it stopped: a Stop after an interrupt the app
      // recorded means the key did not stop it (it went on and finished), so that is shown.
      if (!inTurn && s.state !== 'interrupted') return s
      return endTurn(s, 'finished', 'interrupted')
    case 'stop.failure':
      if (e.agentId) return s
      if (s.state === 'offline' && kind === 'managed') return s
      return endTurn(s, 'failed', 'interrupted', {
        failure: { error: e.error, ...(e.details ? { details: e.details } : {}) },
      })
    case 'subagent.start': {
      const kept = Object.entries(s.subagents).slice(-(MAX_SUBAGENTS_PER_SESSION - 1))
      return { ...s, subagents: { ...Object.fromEntries(kept), [e.subagentId]: e.subagentType } }
    }
    case 'subagent.stop': {
      if (!(e.subagentId in s.subagents)) return s
      const { [e.subagentId]: _gone, ...subagents } = s.subagents
      return { ...s, subagents }
    }
    case 'permission.decision': {
      if (!inTurn) return s
      const { call, rest } = pickCall(s.tools, e.tool, e.toolUseId)
      if (e.outcome === 'deny' && e.interrupt)
        return {
          ...endTurn(s, 'interrupted', 'interrupted'),
          closed: [
            ...(call ? [{ ...call, state: 'denied' as const }] : []),
            ...closeAll(rest, 'interrupted'),
          ],
        }
      // Claude is told why and goes on with its turn without that call.
      if (e.outcome === 'deny')
        return {
          ...s,
          state: 'working',
          tools: rest,
          closed: call ? [{ ...call, state: 'denied' }] : [],
          permissionDecided: true,
        }
      // Allowed, or settled by Claude's own prompt: the call goes on to its own end. A timeout
      // leaves Claude's prompt on screen, so the session still waits for a decision.
      if (e.outcome === 'timeout') return s
      return {
        ...s,
        ...(s.state === 'permission' ? { state: 'working' as const } : {}),
        permissionDecided: true,
      }
    }
    case 'process.exit':
      return exited(s, e.code, e.signal)
    case 'interrupt':
      // Stop in the app or Esc in the terminal: Claude Code sends no Stop for it (the app
      // records this event), so the turn ends here.
      return inTurn ? endTurn(s, 'interrupted', 'interrupted') : s
    case 'session.start':
      // A compaction restarts Claude's session inside a turn: the turn goes on.
      if (e.source === 'compact' && inTurn) return s
      return endTurn(s, 'idle', 'interrupted', { subagents: {} })
    case 'session.end':
      // /clear and resume end one Claude session and start another in the same process.
      if (e.reason === 'clear' || e.reason === 'resume')
        return inTurn ? endTurn(s, 'idle', 'interrupted') : s
      return endTurn(s, kind === 'observed' ? 'offline' : 'idle', 'interrupted', { subagents: {} })
    default:
      return s
  }
}

function onAction(s: SessionLifecycle, a: LifecycleAction): SessionLifecycle {
  switch (a.type) {
    case 'process.spawned':
      return endTurn(s, 'starting', 'interrupted', { subagents: {} })
    case 'process.adopted':
      return s.state === 'offline' ? { ...s, state: 'idle', exit: undefined } : s
    case 'process.screen':
      return s.state === 'starting' ? { ...s, state: 'screen' } : s
    case 'process.exit':
      return exited(s, a.code, a.signal)
    case 'tick': {
      if (s.state !== 'working') return s
      const limit = s.tools.length > 0 ? WORKING_WITH_TOOL_TIMEOUT_MS : WORKING_TIMEOUT_MS
      // Silence this long while "working" is an interrupt nobody announced (Esc fires no hook).
      return a.ts - s.lastInputAt > limit ? endTurn(s, 'idle', 'interrupted') : s
    }
  }
}

/**
 * The call a permission decision is about: the one it names, else (PermissionRequest carries no
 * tool_use_id) the newest open main-agent call of that tool; and every other open call.
 */
function pickCall(
  tools: readonly OpenToolCall[],
  tool: string,
  toolUseId?: string,
): { call?: OpenToolCall; rest: OpenToolCall[] } {
  const exact = toolUseId ? tools.findIndex((t) => t.toolUseId === toolUseId) : -1
  if (exact >= 0) return { call: tools[exact], rest: tools.filter((_, j) => j !== exact) }
  for (let i = tools.length - 1; i >= 0; i--) {
    if (tools[i].tool === tool && !tools[i].agentId)
      return { call: tools[i], rest: tools.filter((_, j) => j !== i) }
  }
  return { rest: [...tools] }
}

/**
 * The session state machine: (state, event or action) → state. Pure and deterministic; `closed`
 * lists only what this transition closed.
 */
export function reduceSession(
  s: SessionLifecycle,
  input: LifecycleInput,
  kind: SessionKind,
): SessionLifecycle {
  const base = s.closed.length > 0 ? { ...s, closed: [] } : s
  if (input.type === 'event') {
    const next = onEvent(base, input.event, kind)
    return { ...next, lastInputAt: Math.max(s.lastInputAt, input.event.ts) }
  }
  const next = onAction(base, input)
  return input.type === 'tick' ? next : { ...next, lastInputAt: Math.max(s.lastInputAt, input.ts) }
}
