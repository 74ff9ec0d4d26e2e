/**
 * The nine stations of a zone and the tools that use them (docs/original.md#stations). Shared:
 * the workshop draws them, and the replay export colours its timeline by them.
 */

export const STATION_IDS = [
  'center',
  'bookshelf',
  'desk',
  'workbench',
  'terminal',
  'scanner',
  'antenna',
  'portal',
  'taskboard',
] as const
export type StationId = (typeof STATION_IDS)[number]

export type WorkAnimation =
  | 'genericWorking'
  | 'readingBook'
  | 'writing'
  | 'tinkering'
  | 'typing'
  | 'scanning'
  | 'receiving'
  | 'channeling'
  | 'checkingTasks'

export interface StationSpec {
  label: string
  /** Local position inside the zone (x, z). */
  position: readonly [number, number]
  /** Tint of the base box, ring, context sprite and panel header. */
  color: string
  work: WorkAnimation
  /** Height of the model's top above the floor, before STATION_MODEL_SCALE (labels go above). */
  height: number
}

export const STATIONS: Record<StationId, StationSpec> = {
  center: {
    label: 'Center',
    position: [0, 0],
    color: '#4ac8e8',
    work: 'genericWorking',
    height: 0.35,
  },
  bookshelf: {
    label: 'Library',
    position: [0, -4],
    color: '#fbbf24',
    work: 'readingBook',
    height: 1.95,
  },
  desk: { label: 'Desk', position: [4, 0], color: '#4ade80', work: 'writing', height: 1.5 },
  workbench: {
    label: 'Workbench',
    position: [-4, 0],
    color: '#f97316',
    work: 'tinkering',
    height: 1.45,
  },
  terminal: { label: 'Terminal', position: [0, 4], color: '#22d3ee', work: 'typing', height: 1.25 },
  scanner: { label: 'Scanner', position: [3, -3], color: '#60a5fa', work: 'scanning', height: 1.7 },
  antenna: {
    label: 'Antenna',
    position: [-3, -3],
    color: '#4ac8e8',
    work: 'receiving',
    height: 2.55,
  },
  portal: { label: 'Portal', position: [-3, 3], color: '#22d3d8', work: 'channeling', height: 1.8 },
  taskboard: {
    label: 'Task Board',
    position: [3, 3],
    color: '#fb923c',
    work: 'checkingTasks',
    height: 1.4,
  },
}

/**
 * Tool → station. The original's table plus the tools Claude Code gained since (Agent is the new
 * name of Task; MultiEdit edits; BashOutput and KillShell belong to the terminal).
 */
export const TOOL_STATIONS: Readonly<Record<string, StationId>> = {
  Read: 'bookshelf',
  Write: 'desk',
  NotebookEdit: 'desk',
  Edit: 'workbench',
  MultiEdit: 'workbench',
  Bash: 'terminal',
  BashOutput: 'terminal',
  KillShell: 'terminal',
  Grep: 'scanner',
  Glob: 'scanner',
  WebFetch: 'antenna',
  WebSearch: 'antenna',
  Task: 'portal',
  Agent: 'portal',
  TodoWrite: 'taskboard',
  AskUserQuestion: 'center',
}

/** AskUserQuestion, MCP tools and anything unknown work at the centre. */
export function stationForTool(tool: string): StationId {
  return TOOL_STATIONS[tool] ?? 'center'
}

/** Where a robot stands to use a station: 1.2 units from it toward the zone centre. */
export function standPoint(station: StationId, offset: number): { x: number; z: number } {
  const [x, z] = STATIONS[station].position
  const len = Math.hypot(x, z)
  if (len === 0) return { x: 0, z: 0 }
  const k = Math.max(0, len - offset) / len
  return { x: x * k, z: z * k }
}
