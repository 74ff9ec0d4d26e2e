/**
 * Short texts about a tool call: the station context sprite (docs/original.md#stations), the notification
 * pill (docs/original.md#notification-pills) and the replay export's rows. Inputs are untrusted JSON,
 * so every field is read defensively.
 */
import { baseName, truncate } from '@shared/text'

type Input = Record<string, unknown>

function asInput(input: unknown): Input {
  return input && typeof input === 'object' && !Array.isArray(input) ? (input as Input) : {}
}

function str(input: Input, key: string): string {
  const v = input[key]
  return typeof v === 'string' ? v : ''
}

function lineCount(text: string): number {
  if (text === '') return 0
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
}

function hostname(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return truncate(url, 30)
  }
}

/** The program a shell command runs: the first word without its path. */
export function commandName(command: string): string {
  const first = command.trim().split('\n')[0] ?? ''
  const words = first.split(/\s+/).filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w))
  return truncate(baseName(words[0] ?? ''), 30)
}

/** `mcp__server__tool` → `server: tool`. */
export function displayToolName(tool: string): string {
  const m = /^mcp__(.+?)__(.+)$/.exec(tool)
  return m ? `${m[1]}: ${m[2]}` : tool
}

/** Text of the context sprite above the station while the tool runs. */
export function toolContext(tool: string, rawInput: unknown): string {
  const input = asInput(rawInput)
  switch (tool) {
    case 'Read':
    case 'Write':
    case 'Edit':
    case 'MultiEdit':
      return baseName(str(input, 'file_path'))
    case 'NotebookEdit':
      return baseName(str(input, 'notebook_path') || str(input, 'file_path'))
    case 'Bash':
      return truncate(str(input, 'command').split('\n')[0] ?? '', 30)
    case 'Grep':
      return `/${str(input, 'pattern')}/`
    case 'Glob':
      return str(input, 'pattern')
    case 'WebFetch':
      return hostname(str(input, 'url'))
    case 'WebSearch':
      return `"${str(input, 'query')}"`
    case 'Task':
    case 'Agent':
      return str(input, 'description')
    case 'TodoWrite':
      return 'Updating tasks'
    default:
      return displayToolName(tool)
  }
}

/** Text of the pill shown when the tool finished. */
export function pillText(tool: string, rawInput: unknown): string {
  const input = asInput(rawInput)
  switch (tool) {
    case 'Edit':
    case 'MultiEdit': {
      const name = baseName(str(input, 'file_path'))
      if (tool === 'MultiEdit') {
        const edits = Array.isArray(input.edits) ? input.edits.length : 0
        return `${name} ${edits} edits`
      }
      return `${name} +${lineCount(str(input, 'new_string'))}, -${lineCount(str(input, 'old_string'))}`
    }
    case 'Write':
      return `${baseName(str(input, 'file_path'))} ${lineCount(str(input, 'content'))} lines`
    case 'Read':
    case 'NotebookEdit':
      return baseName(str(input, 'file_path') || str(input, 'notebook_path'))
    case 'Bash':
      return commandName(str(input, 'command'))
    case 'Grep':
    case 'Glob':
      return `"${truncate(str(input, 'pattern'), 20)}"`
    case 'WebFetch':
      return hostname(str(input, 'url'))
    case 'WebSearch':
      return `"${truncate(str(input, 'query'), 30)}"`
    case 'Task':
    case 'Agent':
      return str(input, 'description').slice(0, 25)
    case 'TodoWrite':
      return `${Array.isArray(input.todos) ? input.todos.length : 0} items`
    case 'AskUserQuestion':
      return 'Question answered'
    default:
      return displayToolName(tool)
  }
}

/** The Bash command of a tool input, or '' for other tools. */
export function bashCommand(tool: string, rawInput: unknown): string {
  return tool === 'Bash' ? str(asInput(rawInput), 'command') : ''
}
