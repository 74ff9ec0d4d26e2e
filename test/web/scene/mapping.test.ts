import { describe, expect, it } from 'vitest'
import { type CanonicalEvent, type EventOf } from '@shared/events'
import { EVENT_TYPES } from '../../support/event-types'
import { mapEvent, reactionFor, isGitCommit, isTestCommand } from '@renderer/scene/mapping'
import { STATUS_PALETTE } from '@shared/status-palette'
import { stationForTool } from '@renderer/scene/stations/station-table'

const base = { id: 'e1', sessionId: 's1', agent: 'claude' as const, ts: 1_000 }

function start(
  tool: string,
  input: unknown,
  extra: Partial<EventOf<'tool.start'>> = {},
): EventOf<'tool.start'> {
  return { ...base, type: 'tool.start', tool, input, toolUseId: 't1', ...extra }
}
function end(
  tool: string,
  input: unknown,
  extra: Partial<EventOf<'tool.end'>> = {},
): EventOf<'tool.end'> {
  return { ...base, type: 'tool.end', tool, input, toolUseId: 't1', success: true, ...extra }
}

/** Every tool: station, start sound, context, finished pill (icon, text, colour). */
const TOOLS = [
  {
    tool: 'Read',
    input: { file_path: '/p/src/app.ts' },
    station: 'bookshelf',
    sound: 'read',
    context: 'app.ts',
    icon: 'BookOpen',
    text: 'app.ts',
    style: 'info',
  },
  {
    tool: 'Write',
    input: { file_path: '/p/b.md', content: 'a\nb\nc\n' },
    station: 'desk',
    sound: 'write',
    context: 'b.md',
    icon: 'FilePen',
    text: 'b.md 3 lines',
    style: 'success',
  },
  {
    tool: 'NotebookEdit',
    input: { notebook_path: '/p/n.ipynb' },
    station: 'desk',
    sound: 'write',
    context: 'n.ipynb',
    icon: 'NotebookPen',
    text: 'n.ipynb',
    style: 'warning',
  },
  {
    tool: 'Edit',
    input: { file_path: '/p/c.ts', old_string: 'x', new_string: 'y\nz' },
    station: 'workbench',
    sound: 'edit',
    context: 'c.ts',
    icon: 'Pencil',
    text: 'c.ts +2, -1',
    style: 'warning',
  },
  {
    tool: 'MultiEdit',
    input: { file_path: '/p/c.ts', edits: [{}, {}] },
    station: 'workbench',
    sound: 'edit',
    context: 'c.ts',
    icon: 'Pencil',
    text: 'c.ts 2 edits',
    style: 'warning',
  },
  {
    tool: 'Bash',
    input: { command: '/usr/bin/npm run lint -- --fix\nsecond line' },
    station: 'terminal',
    sound: 'bash',
    context: '/usr/bin/npm run lint -- --fix',
    icon: 'Zap',
    text: 'npm',
    style: 'muted',
  },
  {
    tool: 'BashOutput',
    input: {},
    station: 'terminal',
    sound: 'bash',
    context: 'BashOutput',
    icon: 'Zap',
    text: 'BashOutput',
    style: 'muted',
  },
  {
    tool: 'KillShell',
    input: {},
    station: 'terminal',
    sound: 'bash',
    context: 'KillShell',
    icon: 'Zap',
    text: 'KillShell',
    style: 'muted',
  },
  {
    tool: 'Grep',
    input: { pattern: 'useFrame\\(' },
    station: 'scanner',
    sound: 'grep',
    context: '/useFrame\\(/',
    icon: 'Search',
    text: '"useFrame\\("',
    style: 'info',
  },
  {
    tool: 'Glob',
    input: { pattern: 'src/**/*.tsx' },
    station: 'scanner',
    sound: 'glob',
    context: 'src/**/*.tsx',
    icon: 'FolderSearch',
    text: '"src/**/*.tsx"',
    style: 'info',
  },
  {
    tool: 'WebFetch',
    input: { url: 'https://docs.example.com/a?b' },
    station: 'antenna',
    sound: 'webfetch',
    context: 'docs.example.com',
    icon: 'Globe',
    text: 'docs.example.com',
    style: 'info',
  },
  {
    tool: 'WebSearch',
    input: { query: 'three instancing' },
    station: 'antenna',
    sound: 'websearch',
    context: '"three instancing"',
    icon: 'Telescope',
    text: '"three instancing"',
    style: 'info',
  },
  {
    tool: 'Task',
    input: { description: 'Explore the repository layout quickly' },
    station: 'portal',
    sound: 'task',
    context: 'Explore the repository layout quickly',
    icon: 'Rocket',
    text: 'Explore the repository la',
    style: 'success',
  },
  {
    tool: 'Agent',
    input: { description: 'Review' },
    station: 'portal',
    sound: 'task',
    context: 'Review',
    icon: 'Rocket',
    text: 'Review',
    style: 'success',
  },
  {
    tool: 'TodoWrite',
    input: { todos: [{}, {}, {}] },
    station: 'taskboard',
    sound: 'todo',
    context: 'Updating tasks',
    icon: 'ListChecks',
    text: '3 items',
    style: 'info',
  },
  {
    tool: 'AskUserQuestion',
    input: {},
    station: 'center',
    sound: 'notification',
    context: 'AskUserQuestion',
    icon: 'CircleHelp',
    text: 'Question answered',
    style: 'warning',
  },
  {
    tool: 'mcp__github__create_issue',
    input: {},
    station: 'center',
    sound: null,
    context: 'github: create_issue',
    icon: 'Wrench',
    text: 'github: create_issue',
    style: 'info',
  },
  {
    tool: 'SomethingNew',
    input: null,
    station: 'center',
    sound: null,
    context: 'SomethingNew',
    icon: 'Wrench',
    text: 'SomethingNew',
    style: 'info',
  },
] as const

describe('tool events', () => {
  for (const t of TOOLS) {
    it(`${t.tool}: station, robot, sound and context on start`, () => {
      expect(stationForTool(t.tool)).toBe(t.station)
      const fx = mapEvent(start(t.tool, t.input))
      expect(fx.station).toBe(t.station)
      expect(fx.actor).toEqual({ kind: 'main' })
      expect(fx.robot).toEqual(
        t.tool === 'AskUserQuestion' ? { kind: 'wait' } : { kind: 'work', station: t.station },
      )
      expect(fx.sounds).toEqual(t.sound ? [t.sound] : [])
      expect(fx.context).toBe(t.context)
      expect(fx.pill).toBeNull()
      expect(fx.attention).toBe(t.tool === 'AskUserQuestion' ? 'question' : 'clear')
    })
    it(`${t.tool}: pill, panel and success sound when it finishes`, () => {
      const fx = mapEvent(end(t.tool, t.input))
      expect(fx.pill).toEqual({
        icon: t.icon,
        text: t.text,
        style: t.style,
        color: STATUS_PALETTE[t.style],
      })
      expect(fx.panel).toEqual({ station: t.station, text: t.text, success: true })
      expect(fx.sounds).toEqual(['success'])
      expect(fx.robot.kind).toBe('finish')
    })
  }

  it('a failed tool shows a red pill with the error, plays error and shakes the head', () => {
    const fx = mapEvent(
      end(
        'Edit',
        { file_path: '/p/x.ts' },
        { success: false, error: 'old_string not found\nmore' },
      ),
    )
    expect(fx.pill?.style).toBe('error')
    expect(fx.pill?.color).toBe('#f87171')
    expect(fx.pill?.icon).toBe('CircleX')
    expect(fx.pill?.text).toContain('old_string not found')
    expect(fx.pill?.text).not.toContain('more')
    expect(fx.sounds).toEqual(['error'])
    expect(fx.robot).toEqual({ kind: 'finish', reaction: 'headShake' })
    expect(fx.panel?.success).toBe(false)
  })

  it('git commit plays the fanfare instead of the bash sound, and a successful one dances', () => {
    expect(mapEvent(start('Bash', { command: 'git add -A && git commit -m "x"' })).sounds).toEqual([
      'git_commit',
    ])
    const done = mapEvent(end('Bash', { command: 'git commit -m "x"' }))
    expect(done.robot).toEqual({ kind: 'finish', reaction: 'victoryDance' })
    const failed = mapEvent(end('Bash', { command: 'git commit -m "x"' }, { success: false }))
    expect(failed.robot).toEqual({ kind: 'finish', reaction: 'headShake' })
  })

  it('reactions follow the original table', () => {
    const ctx = { recentReads: 0 }
    expect(reactionFor(end('Bash', { command: 'git push origin main' }), ctx)).toBe('wave')
    expect(reactionFor(end('Bash', { command: 'npx vitest run' }), ctx)).toBe('happyBounce')
    expect(reactionFor(end('Bash', { command: 'pytest -q' }, { success: false }), ctx)).toBe(
      'headShake',
    )
    expect(reactionFor(end('Bash', { command: 'npm run build' }), ctx)).toBe('stretch')
    expect(reactionFor(end('Bash', { command: 'sleep 20' }, { durationMs: 12_000 }), ctx)).toBe(
      'sleepyNod',
    )
    expect(reactionFor(end('Write', { file_path: '/a' }), ctx)).toBe('happyBounce')
    expect(reactionFor(end('Read', { file_path: '/a' }), { recentReads: 5 })).toBe('curiousTilt')
    expect(reactionFor(end('Read', { file_path: '/a' }), { recentReads: 4 })).toBeNull()
    expect(
      reactionFor(end('Bash', { command: 'ls' }, { success: false, interrupted: true }), ctx),
    ).toBeNull()
    expect(reactionFor(end('Grep', { pattern: 'x' }), ctx)).toBeNull()
  })

  it('command classifiers do not match look-alikes', () => {
    expect(isGitCommit('git commit-tree abc')).toBe(false)
    expect(isGitCommit('echo git commits')).toBe(false)
    expect(isGitCommit('git -C repo commit -m x')).toBe(true)
    expect(isTestCommand('npm test')).toBe(true)
    expect(isTestCommand('go test ./...')).toBe(true)
    expect(isTestCommand('npm install')).toBe(false)
  })

  it('a tool inside a subagent acts on that subagent, not the zone robot or the camera', () => {
    const fx = mapEvent(start('Read', { file_path: '/a.ts' }, { agentId: 'ag1' }))
    expect(fx.actor).toEqual({ kind: 'subagent', id: 'ag1' })
    expect(fx.pulse).toBe(false)
  })
})

const SAMPLES: Record<CanonicalEvent['type'], CanonicalEvent> = {
  'session.start': { ...base, type: 'session.start', source: 'startup' },
  'session.end': { ...base, type: 'session.end', reason: 'exit' },
  prompt: { ...base, type: 'prompt', text: 'hi' },
  'subagent.result': {
    ...base,
    type: 'subagent.result',
    subagentId: 'ag1',
    status: 'completed',
    summary: 'Agent "look around" finished',
  },
  'claude.notice': { ...base, type: 'claude.notice', kind: 'system-reminder', text: 'note' },
  'tool.start': start('Read', { file_path: '/a' }),
  'tool.end': end('Read', { file_path: '/a' }),
  'tool.batch': { ...base, type: 'tool.batch', toolUseIds: ['t1'] },
  'permission.request': {
    ...base,
    type: 'permission.request',
    requestId: 'r1',
    tool: 'Bash',
    input: { command: 'rm -rf x' },
  },
  notification: {
    ...base,
    type: 'notification',
    kind: 'permission_prompt',
    message: 'needs permission',
  },
  'assistant.text': { ...base, type: 'assistant.text', text: 'ok' },
  'subagent.start': { ...base, type: 'subagent.start', subagentId: 'ag1', subagentType: 'Explore' },
  'subagent.stop': { ...base, type: 'subagent.stop', subagentId: 'ag1', subagentType: 'Explore' },
  stop: { ...base, type: 'stop' },
  'stop.failure': { ...base, type: 'stop.failure', error: 'rate_limit' },
  compact: { ...base, type: 'compact', phase: 'pre', trigger: 'auto' },
  interrupt: { ...base, type: 'interrupt', by: 'app' },
  'process.exit': { ...base, type: 'process.exit', code: null, signal: 'SIGKILL' },
  'permission.decision': {
    ...base,
    type: 'permission.decision',
    requestId: 'r1',
    tool: 'Bash',
    outcome: 'deny',
    by: 'app',
  },
  generic: { ...base, type: 'generic', hookEvent: 'Future', raw: {} },
}

describe('every event type', () => {
  it('has a sample here', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...EVENT_TYPES].sort())
  })

  const expected: Record<
    CanonicalEvent['type'],
    { robot: string; sounds: string[]; attention: string | null; pill: string | null }
  > = {
    'session.start': { robot: 'none', sounds: [], attention: null, pill: null },
    'session.end': { robot: 'none', sounds: [], attention: null, pill: null },
    prompt: { robot: 'think', sounds: ['prompt'], attention: 'clear', pill: null },
    'subagent.result': { robot: 'think', sounds: [], attention: 'clear', pill: null },
    'claude.notice': { robot: 'think', sounds: [], attention: 'clear', pill: null },
    'tool.start': { robot: 'work', sounds: ['read'], attention: 'clear', pill: null },
    'tool.end': { robot: 'finish', sounds: ['success'], attention: null, pill: 'info' },
    'tool.batch': { robot: 'none', sounds: [], attention: null, pill: null },
    interrupt: { robot: 'return', sounds: [], attention: 'clear', pill: null },
    'process.exit': { robot: 'return', sounds: [], attention: 'clear', pill: null },
    'permission.decision': { robot: 'none', sounds: [], attention: 'clear', pill: 'warning' },
    'permission.request': {
      robot: 'wait',
      sounds: ['notification'],
      attention: 'permission',
      pill: 'warning',
    },
    notification: { robot: 'wait', sounds: ['notification'], attention: 'permission', pill: null },
    'assistant.text': { robot: 'none', sounds: [], attention: null, pill: null },
    'subagent.start': { robot: 'none', sounds: ['spawn'], attention: null, pill: null },
    'subagent.stop': { robot: 'none', sounds: ['despawn'], attention: null, pill: null },
    stop: { robot: 'return', sounds: ['stop'], attention: 'finished', pill: null },
    'stop.failure': { robot: 'return', sounds: ['error'], attention: 'error', pill: 'error' },
    compact: { robot: 'none', sounds: [], attention: null, pill: null },
    generic: { robot: 'none', sounds: [], attention: null, pill: null },
  }
  for (const type of Object.keys(expected) as CanonicalEvent['type'][]) {
    it(type, () => {
      const fx = mapEvent(SAMPLES[type])
      expect(fx.robot.kind).toBe(expected[type].robot)
      expect(fx.sounds).toEqual(expected[type].sounds)
      expect(fx.attention).toBe(expected[type].attention)
      expect(fx.pill?.style ?? null).toBe(expected[type].pill)
    })
  }

  it('subagent start/stop spawn and despawn by subagent id at the portal', () => {
    expect(mapEvent(SAMPLES['subagent.start']).subagent).toEqual({
      kind: 'spawn',
      id: 'ag1',
      label: 'Explore',
    })
    expect(mapEvent(SAMPLES['subagent.stop']).subagent).toEqual({ kind: 'despawn', id: 'ag1' })
    expect(mapEvent(SAMPLES['subagent.start']).station).toBe('portal')
  })

  it('stop clears the station contexts; a subagent stop leaves the zone alone', () => {
    expect(mapEvent(SAMPLES.stop).clearContexts).toBe(true)
    const sub = mapEvent({ ...base, type: 'stop', agentId: 'ag1' })
    expect(sub.robot.kind).toBe('none')
    expect(sub.attention).toBeNull()
  })

  it('an ordinary notification only sounds', () => {
    const fx = mapEvent({ ...base, type: 'notification', kind: 'idle_prompt', message: 'waiting' })
    expect(fx.robot.kind).toBe('none')
    expect(fx.attention).toBeNull()
  })
})
