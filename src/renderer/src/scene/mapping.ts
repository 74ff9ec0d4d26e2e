/**
 * The pure mapping from one canonical event to what the workshop does with it: which station,
 * what the robot does, which notification pill and which sounds. No three.js, no state: the
 * scene simulation (sim/) applies these effects; tests cover every tool and event type.
 */
import type { CanonicalEvent, EventOf } from '@shared/events'
import { STATUS_PALETTE } from '@shared/status-palette'
import type { PillStyle } from './constants'
import type { AttentionReason } from './sim/zone-sim'
import { stationForTool, type StationId } from './stations/station-table'
import { truncate } from '@shared/text'
import { bashCommand, pillText, toolContext } from './tool-text'

export type SoundName =
  | 'read'
  | 'write'
  | 'edit'
  | 'bash'
  | 'grep'
  | 'glob'
  | 'webfetch'
  | 'websearch'
  | 'task'
  | 'todo'
  | 'success'
  | 'error'
  | 'git_commit'
  | 'clear'
  | 'walking'
  | 'focus'
  | 'click'
  | 'hover'
  | 'spawn'
  | 'despawn'
  | 'zone_create'
  | 'zone_delete'
  | 'prompt'
  | 'stop'
  | 'notification'
  | 'intro'
  | 'voice_start'
  | 'voice_stop'

export const IDLE_BEHAVIORS = [
  'lookAround',
  'curiousTilt',
  'happyBounce',
  'stretch',
  'wave',
  'doubleBlink',
  'antennaTwitch',
  'headShake',
  'peek',
  'sleepyNod',
  'grooveDance',
  'discoFever',
  'robotDance',
  'headBanger',
  'shuffleDance',
  'twistDance',
  'victoryDance',
] as const
export type IdleBehavior = (typeof IDLE_BEHAVIORS)[number]

/** Lucide icon names drawn into the pill canvas (see pill-icons.ts). */
export type PillIcon =
  | 'BookOpen'
  | 'Pencil'
  | 'FilePen'
  | 'Search'
  | 'FolderSearch'
  | 'Zap'
  | 'Globe'
  | 'Telescope'
  | 'Rocket'
  | 'ListChecks'
  | 'CircleHelp'
  | 'NotebookPen'
  | 'Wrench'
  | 'CircleX'
  | 'ShieldAlert'

export interface PillSpec {
  icon: PillIcon
  text: string
  style: PillStyle
  color: string
}

export type RobotAction =
  /** Walk to the station and work there (the centre counts: MCP and unknown tools work there). */
  | { kind: 'work'; station: StationId }
  /** The tool finished: stop working (unless walking) and maybe react after a short delay. */
  | { kind: 'finish'; reaction: IdleBehavior | null }
  /** A prompt arrived: think. */
  | { kind: 'think' }
  /** The turn ended: walk back to the centre; a failed turn shakes its head. */
  | { kind: 'return'; reaction: IdleBehavior | null }
  /** Waiting for the user (permission, question): look up and wait where it stands. */
  | { kind: 'wait' }
  | { kind: 'none' }

/** Who acts: the zone's robot, or one of its subagents' mini robots. */
export type Actor = { kind: 'main' } | { kind: 'subagent'; id: string }

export type AttentionChange = AttentionReason | 'clear' | null

export type SubagentChange =
  { kind: 'spawn'; id: string; label: string } | { kind: 'despawn'; id: string } | null

export interface EventEffects {
  actor: Actor
  station: StationId | null
  robot: RobotAction
  /** Context sprite text above the station, set when a tool starts. */
  context: string | null
  /** Every context of the zone is cleared (turn finished). */
  clearContexts: boolean
  pill: PillSpec | null
  /** Entry for the station panel's history (finished tools). */
  panel: { station: StationId; text: string; success: boolean } | null
  /** A tool call began: its station panel lists it until it ends. */
  openCall: { id: string; station: StationId; text: string } | null
  /** Tool calls that ended (by id), or every open one of the zone (its turn or session ended). */
  closeCalls: readonly string[] | 'all' | null
  sounds: SoundName[]
  attention: AttentionChange
  subagent: SubagentChange
  /** The zone's ring pulses (activity) and follow-active moves the camera here. */
  pulse: boolean
}

/** Extra facts the simulation knows and one event does not. */
export interface MappingContext {
  /** Read calls of this zone that finished in the last 5 s, this one included. */
  recentReads: number
}

export const CURIOUS_READS_IN_WINDOW = 5
export const CURIOUS_READS_WINDOW_MS = 5_000
/** A tool slower than this makes the robot nod off. */
export const SLEEPY_TOOL_MS = 10_000

const TOOL_SOUNDS: Readonly<Record<string, SoundName>> = {
  Read: 'read',
  Write: 'write',
  NotebookEdit: 'write',
  Edit: 'edit',
  MultiEdit: 'edit',
  Bash: 'bash',
  BashOutput: 'bash',
  KillShell: 'bash',
  Grep: 'grep',
  Glob: 'glob',
  WebFetch: 'webfetch',
  WebSearch: 'websearch',
  Task: 'task',
  Agent: 'task',
  TodoWrite: 'todo',
  AskUserQuestion: 'notification',
}

const TOOL_PILLS: Readonly<Record<string, { icon: PillIcon; style: PillStyle }>> = {
  Read: { icon: 'BookOpen', style: 'info' },
  Edit: { icon: 'Pencil', style: 'warning' },
  MultiEdit: { icon: 'Pencil', style: 'warning' },
  Write: { icon: 'FilePen', style: 'success' },
  Grep: { icon: 'Search', style: 'info' },
  Glob: { icon: 'FolderSearch', style: 'info' },
  Bash: { icon: 'Zap', style: 'muted' },
  BashOutput: { icon: 'Zap', style: 'muted' },
  KillShell: { icon: 'Zap', style: 'muted' },
  WebFetch: { icon: 'Globe', style: 'info' },
  WebSearch: { icon: 'Telescope', style: 'info' },
  Task: { icon: 'Rocket', style: 'success' },
  Agent: { icon: 'Rocket', style: 'success' },
  TodoWrite: { icon: 'ListChecks', style: 'info' },
  AskUserQuestion: { icon: 'CircleHelp', style: 'warning' },
  NotebookEdit: { icon: 'NotebookPen', style: 'warning' },
}

/** Tools that wait for the user rather than work. */
const WAITING_TOOLS = new Set(['AskUserQuestion', 'ExitPlanMode'])
const PERMISSION_NOTIFICATIONS = new Set(['permission_prompt', 'elicitation_dialog'])

export function toolSound(tool: string): SoundName | null {
  return TOOL_SOUNDS[tool] ?? null
}

/** `git [global options] <sub>`: options such as `-C dir` may come before the subcommand. */
function gitSubcommand(sub: string): RegExp {
  return new RegExp(
    `(^|[\\s;&|(])git\\s+(?:-\\S+(?:\\s+(?!${sub}\\b)[^-\\s]\\S*)?\\s+)*${sub}(?![\\w-])`,
  )
}
const GIT_COMMIT = gitSubcommand('commit')
const GIT_PUSH = gitSubcommand('push')

export function isGitCommit(command: string): boolean {
  return GIT_COMMIT.test(command)
}
export function isGitPush(command: string): boolean {
  return GIT_PUSH.test(command)
}
export function isTestCommand(command: string): boolean {
  return /\b(npm\s+(run\s+)?test|npx\s+(jest|vitest)|jest|vitest|pytest|go\s+test|bun\s+test|cargo\s+test)\b/.test(
    command,
  )
}
export function isBuildCommand(command: string): boolean {
  return /\b(npm\s+run\s+build|make|cargo\s+build|tsc|vite\s+build|go\s+build)\b/.test(command)
}

/** The reaction to a finished tool (docs/original.md#robot; any failure shakes the head). */
export function reactionFor(e: EventOf<'tool.end'>, ctx: MappingContext): IdleBehavior | null {
  const cmd = bashCommand(e.tool, e.input)
  if (cmd) {
    if (isGitCommit(cmd) && e.success) return 'victoryDance'
    if (isGitPush(cmd) && e.success) return 'wave'
    if (isTestCommand(cmd)) return e.success ? 'happyBounce' : 'headShake'
    if (isBuildCommand(cmd) && e.success) return 'stretch'
  }
  if (!e.success) return e.interrupted ? null : 'headShake'
  if ((e.durationMs ?? 0) > SLEEPY_TOOL_MS) return 'sleepyNod'
  if (e.tool === 'Write') return 'happyBounce'
  if (e.tool === 'Read' && ctx.recentReads >= CURIOUS_READS_IN_WINDOW) return 'curiousTilt'
  return null
}

function pill(icon: PillIcon, text: string, style: PillStyle): PillSpec {
  return { icon, text, style, color: STATUS_PALETTE[style] }
}

export function finishedToolPill(e: EventOf<'tool.end'>): PillSpec {
  const text = pillText(e.tool, e.input)
  if (!e.success) {
    const why = e.interrupted ? 'interrupted' : e.error ? e.error.split('\n')[0] : 'failed'
    return pill('CircleX', `${truncate(text, 18)}: ${truncate(why ?? 'failed', 24)}`, 'error')
  }
  const spec = TOOL_PILLS[e.tool] ?? { icon: 'Wrench' as const, style: 'info' as const }
  return pill(spec.icon, text, spec.style)
}

function none(actor: Actor): EventEffects {
  return {
    actor,
    station: null,
    robot: { kind: 'none' },
    context: null,
    clearContexts: false,
    pill: null,
    panel: null,
    openCall: null,
    closeCalls: null,
    sounds: [],
    attention: null,
    subagent: null,
    pulse: false,
  }
}

export function mapEvent(
  e: CanonicalEvent,
  ctx: MappingContext = { recentReads: 0 },
): EventEffects {
  const actor: Actor = e.agentId ? { kind: 'subagent', id: e.agentId } : { kind: 'main' }
  const out = none(actor)
  switch (e.type) {
    case 'tool.start': {
      const station = stationForTool(e.tool)
      const waiting = WAITING_TOOLS.has(e.tool)
      const cmd = bashCommand(e.tool, e.input)
      const sound = isGitCommit(cmd) ? 'git_commit' : toolSound(e.tool)
      const context = toolContext(e.tool, e.input)
      return {
        ...out,
        station,
        robot: waiting ? { kind: 'wait' } : { kind: 'work', station },
        context,
        openCall: waiting ? null : { id: e.toolUseId, station, text: context },
        sounds: sound ? [sound] : [],
        attention: waiting ? 'question' : 'clear',
        pulse: !waiting && actor.kind === 'main',
      }
    }
    case 'tool.end': {
      const station = stationForTool(e.tool)
      const p = finishedToolPill(e)
      return {
        ...out,
        station,
        robot: { kind: 'finish', reaction: reactionFor(e, ctx) },
        pill: p,
        panel: { station, text: pillText(e.tool, e.input), success: e.success },
        closeCalls: [e.toolUseId],
        sounds: [e.success ? 'success' : 'error'],
      }
    }
    // Claude answers an injected message (a subagent's result, its own notice) like a prompt,
    // without the prompt sound: nobody typed it.
    case 'subagent.result':
    case 'claude.notice':
      return { ...out, robot: { kind: 'think' }, attention: 'clear', pulse: true }
    case 'prompt':
      return {
        ...out,
        robot: { kind: 'think' },
        sounds: ['prompt'],
        attention: 'clear',
        pulse: true,
      }
    case 'stop':
      // A subagent's own Stop ends that subagent's turn, not the zone's.
      if (actor.kind === 'subagent') return out
      return {
        ...out,
        robot: { kind: 'return', reaction: null },
        clearContexts: true,
        closeCalls: 'all',
        sounds: ['stop'],
        attention: 'finished',
      }
    case 'stop.failure':
      if (actor.kind === 'subagent') return out
      return {
        ...out,
        robot: { kind: 'return', reaction: 'headShake' },
        clearContexts: true,
        closeCalls: 'all',
        pill: pill('CircleX', `Turn failed: ${truncate(e.error, 24)}`, 'error'),
        sounds: ['error'],
        attention: 'error',
      }
    case 'permission.decision':
      // A timeout leaves Claude's own prompt waiting: nothing changes in the zone yet.
      if (e.outcome === 'timeout') return out
      if (e.outcome !== 'deny') return { ...out, attention: 'clear' }
      return {
        ...out,
        ...(e.interrupt ? { robot: { kind: 'return', reaction: null }, clearContexts: true } : {}),
        closeCalls: e.interrupt ? 'all' : e.toolUseId ? [e.toolUseId] : null,
        pill: pill('CircleX', `Denied: ${truncate(e.tool, 24)}`, 'warning'),
        attention: 'clear',
      }
    case 'interrupt':
    case 'process.exit':
      // The turn was stopped (or its process ended): the robot walks home, the open calls end,
      // nothing is celebrated.
      return {
        ...out,
        robot: { kind: 'return', reaction: null },
        clearContexts: true,
        closeCalls: 'all',
        attention: 'clear',
      }
    case 'permission.request':
      return {
        ...out,
        station: stationForTool(e.tool),
        robot: { kind: 'wait' },
        pill: pill('ShieldAlert', `Allow ${truncate(e.tool, 24)}?`, 'warning'),
        sounds: ['notification'],
        attention: 'permission',
      }
    case 'notification': {
      const asks = PERMISSION_NOTIFICATIONS.has(e.kind)
      return {
        ...out,
        robot: asks ? { kind: 'wait' } : { kind: 'none' },
        sounds: ['notification'],
        attention: asks ? 'permission' : null,
      }
    }
    case 'subagent.start':
      return {
        ...none({ kind: 'subagent', id: e.subagentId }),
        station: 'portal',
        subagent: { kind: 'spawn', id: e.subagentId, label: e.subagentType },
        sounds: ['spawn'],
      }
    case 'subagent.stop':
      return {
        ...none({ kind: 'subagent', id: e.subagentId }),
        station: 'portal',
        subagent: { kind: 'despawn', id: e.subagentId },
        sounds: ['despawn'],
      }
    case 'tool.batch':
      // Calls the batch settled without a result of their own (a rule or hook stopped them).
      return { ...out, closeCalls: e.toolUseIds }
    case 'session.end':
      return { ...out, closeCalls: 'all' }
    case 'session.start':
    case 'assistant.text':
    case 'compact':
    case 'generic':
      return out
  }
}
