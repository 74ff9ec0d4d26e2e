/** What the timeline says about a mark: its tooltip and what a screen reader hears. */
import type { SessionCommit, TimelineAnswer } from '@shared/contract/replay'
import { STATIONS } from '@shared/stations'
import { TIMELINE_KINDS, type TimelineKind } from '@shared/timeline'
import { displayToolName } from '@shared/tool-text'
import { instantText } from './timeline-view'

export type TimelineCell = TimelineAnswer['lanes'][number]['cells'][number]

const KIND_WORDS: Record<TimelineKind, [string, string]> = {
  turn: ['prompt', 'prompts'],
  tool: ['tool call', 'tool calls'],
  fail: ['failure', 'failures'],
  wait: ['permission wait', 'permission waits'],
  sub: ['subagent event', 'subagent events'],
  end: ['turn finished', 'turns finished'],
  other: ['other event', 'other events'],
}

/** The words of a kind, for the legend and the tooltips. */
export const KIND_LABELS: Record<TimelineKind, string> = {
  turn: 'Prompt (a turn starts)',
  tool: 'Tool call, in its station’s colour',
  fail: 'Failure',
  wait: 'Permission wait',
  sub: 'Subagent',
  end: 'Turn finished',
  other: 'Other event',
}

export interface MarkText {
  /** First line: when. */
  when: string
  /** What happened. */
  what: string
  /** A tool call's outcome, or the counts' detail. */
  more?: string
}

export function cellText(cell: TimelineCell, now = Date.now()): MarkText {
  const total = cell.n.reduce((a, b) => a + b, 0)
  if (cell.event && total === 1) {
    const e = cell.event
    return {
      when: instantText(cell.at, now),
      what: e.text,
      ...(e.ok === false
        ? { more: 'Outcome: failed' }
        : e.ok === true
          ? { more: 'Outcome: succeeded' }
          : e.tool && e.type === 'tool.start'
            ? {
                more: `${displayToolName(e.tool)} at the ${STATIONS[cell.station ?? 'center'].label}`,
              }
            : {}),
    }
  }
  const parts = TIMELINE_KINDS.flatMap((k, i) => {
    const n = cell.n[i]
    if (n === 0) return []
    const [one, many] = KIND_WORDS[k]
    const station = k === 'tool' && cell.station ? ` (mostly ${STATIONS[cell.station].label})` : ''
    return [`${n} ${n === 1 ? one : many}${station}`]
  })
  return {
    when:
      cell.last > cell.at
        ? `${instantText(cell.at, now)} – ${instantText(cell.last, now)}`
        : instantText(cell.at, now),
    what: `${total} events`,
    more: parts.join(' · '),
  }
}

export function commitText(commit: SessionCommit, now = Date.now()): MarkText {
  return {
    when: instantText(commit.ts, now),
    what: `Commit ${commit.hash.slice(0, 7)}: ${commit.subject}`,
  }
}

/** One line for a screen reader. */
export function spoken(sessionName: string, t: MarkText): string {
  return [sessionName, t.when, t.what, t.more].filter(Boolean).join(', ')
}
