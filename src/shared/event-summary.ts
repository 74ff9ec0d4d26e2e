/**
 * One line per event for the replay timeline (the app's and an exported file's) and the exported
 * feed: what happened, in the words the app's feed uses, and how the timeline marks it (its
 * station's colour, or a tone).
 */
import type { CanonicalEvent } from './events'
import { stationForTool, type StationId } from './stations'
import { truncate } from './text'
import { displayToolName, toolContext } from './tool-text'

/** Characters of free text (a prompt, Claude's answer) one row shows. */
export const SUMMARY_TEXT_CHARS = 160

/** How the timeline marks an event that is not a tool call. */
export type SummaryTone = 'turn' | 'done' | 'fail' | 'wait' | 'sub' | 'info'

export interface EventSummary {
  text: string
  station?: StationId
  tone: SummaryTone
}

const line = (s: string) => truncate(s.replace(/\s+/g, ' ').trim(), SUMMARY_TEXT_CHARS)

export function summarizeEvent(e: CanonicalEvent): EventSummary {
  switch (e.type) {
    case 'session.start':
      return { text: `Session started (${e.source})`, tone: 'info' }
    case 'session.end':
      return { text: `Session ended (${e.reason})`, tone: 'info' }
    case 'prompt':
      return { text: `Prompt: ${line(e.text)}`, tone: 'turn' }
    case 'subagent.result':
      return { text: `Subagent result: ${line(e.summary)}`, tone: 'sub' }
    case 'claude.notice':
      return {
        text:
          e.kind === 'compact-summary' ? 'Continued after compaction' : 'Reminder from Claude Code',
        tone: 'info',
      }
    case 'tool.start': {
      const context = toolContext(e.tool, e.input)
      const name = displayToolName(e.tool)
      return {
        text: context && context !== name ? `${name} ${line(context)}` : name,
        station: stationForTool(e.tool),
        tone: 'turn',
      }
    }
    case 'tool.end':
      return e.success
        ? { text: `${displayToolName(e.tool)} done`, station: stationForTool(e.tool), tone: 'done' }
        : {
            text: `${displayToolName(e.tool)} failed${e.error ? `: ${line(e.error)}` : ''}`,
            station: stationForTool(e.tool),
            tone: 'fail',
          }
    case 'tool.batch':
      return { text: `${e.toolUseIds.length} tool calls at once`, tone: 'info' }
    case 'permission.request':
      return { text: `Asks permission for ${displayToolName(e.tool)}`, tone: 'wait' }
    case 'permission.decision':
      return { text: `Permission for ${displayToolName(e.tool)}: ${e.outcome}`, tone: 'info' }
    case 'notification':
      return {
        text: line(e.message),
        tone: e.kind === 'permission_prompt' || e.kind === 'elicitation_dialog' ? 'wait' : 'info',
      }
    case 'assistant.text':
      return { text: line(e.text), tone: 'info' }
    case 'subagent.start':
      return { text: `Subagent ${e.subagentType} started`, tone: 'sub' }
    case 'subagent.stop':
      return { text: `Subagent ${e.subagentType} finished`, tone: 'sub' }
    case 'stop':
      return { text: 'Turn finished', tone: 'done' }
    case 'stop.failure':
      return { text: `Turn failed: ${line(e.details ?? e.error)}`, tone: 'fail' }
    case 'compact':
      return { text: e.phase === 'pre' ? 'Compacting…' : 'Compacted', tone: 'info' }
    case 'interrupt':
      return { text: `Interrupted (${e.by})`, tone: 'fail' }
    case 'process.exit':
      return {
        text: e.signal
          ? `Claude Code was killed (${e.signal})`
          : `Claude Code exited (code ${e.code ?? 'unknown'})`,
        tone: 'fail',
      }
    case 'generic':
      return { text: e.hookEvent, tone: 'info' }
  }
}
