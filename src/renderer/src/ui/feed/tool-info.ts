/**
 * How a tool call reads in the feed: its icon, a one-line preview of the input, the content the
 * tool wrote, and a short preview of its output. Thresholds follow the original
 * (docs/original.md#feed).
 */
import {
  BookOpen,
  Bot,
  FilePen,
  FolderSearch,
  Globe,
  ListTodo,
  MessageCircleQuestion,
  Notebook,
  Pencil,
  Plug,
  Search,
  SquareTerminal,
  TextSearch,
  Wrench,
  type LucideIcon,
} from 'lucide-react'
import { readTruncation } from '@shared/truncation'
import { truncate } from '@shared/text'
import { tildePath } from '../common/format'

/** Written content shown in the expandable block is cut here. */
export const TOOL_CONTENT_PREVIEW_CHARS = 500
/** Bash output preview. */
export const BASH_OUTPUT_PREVIEW_CHARS = 300
/** Grep and Glob result preview. */
export const SEARCH_OUTPUT_PREVIEW_LINES = 5
/** Error preview of a failed tool. */
export const ERROR_PREVIEW_CHARS = 200
/** Query previews (WebSearch, WebFetch prompts). */
export const QUERY_PREVIEW_CHARS = 100

const ICONS: Record<string, LucideIcon> = {
  Read: BookOpen,
  Edit: Pencil,
  MultiEdit: Pencil,
  Write: FilePen,
  Bash: SquareTerminal,
  Grep: TextSearch,
  Glob: FolderSearch,
  WebFetch: Globe,
  WebSearch: Search,
  Task: Bot,
  Agent: Bot,
  TodoWrite: ListTodo,
  NotebookEdit: Notebook,
  AskUserQuestion: MessageCircleQuestion,
}

export function toolIcon(tool: string): LucideIcon {
  if (ICONS[tool]) return ICONS[tool]
  return tool.startsWith('mcp__') ? Plug : Wrench
}

/** "mcp__github__create_issue" → "github · create_issue". */
export function toolLabel(tool: string): string {
  const mcp = /^mcp__([^_]+(?:_[^_]+)*)__(.+)$/.exec(tool)
  return mcp ? `${mcp[1]} · ${mcp[2]}` : tool
}

function field(input: unknown, name: string): string | undefined {
  if (!input || typeof input !== 'object') return undefined
  const v = (input as Record<string, unknown>)[name]
  return typeof v === 'string' && v.length > 0 ? v : undefined
}

export function shortenPath(path: string, cwd?: string): string {
  if (cwd && path.startsWith(cwd.endsWith('/') ? cwd : `${cwd}/`))
    return path.slice(cwd.length).replace(/^\//, '')
  return tildePath(path)
}

export type ToolPreview =
  | { kind: 'path'; text: string }
  | { kind: 'command'; text: string }
  | { kind: 'pattern'; text: string }
  | { kind: 'query'; text: string }
  | { kind: 'text'; text: string }

export function toolPreview(tool: string, input: unknown, cwd?: string): ToolPreview | null {
  const path = field(input, 'file_path') ?? field(input, 'notebook_path') ?? field(input, 'path')
  const command = field(input, 'command')
  if (command) return { kind: 'command', text: command }
  const pattern = field(input, 'pattern')
  if (pattern)
    return { kind: 'pattern', text: path ? `${pattern}  in ${shortenPath(path, cwd)}` : pattern }
  if (path) return { kind: 'path', text: shortenPath(path, cwd) }
  const query = field(input, 'query') ?? field(input, 'url')
  if (query) return { kind: 'query', text: truncate(query, QUERY_PREVIEW_CHARS) }
  const description = field(input, 'description') ?? field(input, 'prompt')
  if (description) return { kind: 'text', text: truncate(description, QUERY_PREVIEW_CHARS) }
  if (tool === 'AskUserQuestion' && input && typeof input === 'object') {
    const qs = (input as { questions?: { question?: string }[] }).questions
    const first = Array.isArray(qs) ? qs[0]?.question : undefined
    if (first) return { kind: 'text', text: truncate(first, QUERY_PREVIEW_CHARS) }
  }
  if (tool === 'TodoWrite' && input && typeof input === 'object') {
    const todos = (input as { todos?: unknown[] }).todos
    if (Array.isArray(todos))
      return { kind: 'text', text: `${todos.length} todo item${todos.length === 1 ? '' : 's'}` }
  }
  return null
}

/**
 * What the tool wrote (Write content, Edit new_string), for the expandable block; without the
 * storage marker when it was cut short (the row says so on its own, see truncatedBytes).
 */
export function toolContent(input: unknown): string | undefined {
  const text = field(input, 'content') ?? field(input, 'new_string')
  return text === undefined ? undefined : (readTruncation(text)?.kept ?? text)
}

/** How deep truncatedBytes looks: tool inputs and outputs nest a few levels at most. */
const TRUNCATION_SEARCH_DEPTH = 4

/**
 * The largest full size (bytes) among the strings of a tool's input or output that the core cut
 * short for storage, or undefined when nothing was cut.
 */
export function truncatedBytes(value: unknown, depth = 0): number | undefined {
  if (typeof value === 'string') return readTruncation(value)?.fullBytes
  if (!value || typeof value !== 'object' || depth >= TRUNCATION_SEARCH_DEPTH) return undefined
  let largest: number | undefined
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const bytes = truncatedBytes(item, depth + 1)
    if (bytes !== undefined && (largest === undefined || bytes > largest)) largest = bytes
  }
  return largest
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === undefined || value === null) return ''
  try {
    return JSON.stringify(value, null, 2)
  } catch {
    return String(value)
  }
}

/** The tool's textual output, from the common tool_response shapes. */
export function toolOutputText(output: unknown): string {
  if (typeof output === 'string') return output
  if (!output || typeof output !== 'object') return stringify(output)
  const o = output as Record<string, unknown>
  if (typeof o.stdout === 'string' || typeof o.stderr === 'string') {
    return [o.stdout, o.stderr].filter((s) => typeof s === 'string' && s).join('\n')
  }
  for (const k of ['output', 'result', 'content']) {
    if (typeof o[k] === 'string') return o[k] as string
  }
  if (Array.isArray(o.filenames)) return (o.filenames as unknown[]).map(String).join('\n')
  if (
    o.file &&
    typeof o.file === 'object' &&
    typeof (o.file as { content?: unknown }).content === 'string'
  ) {
    return (o.file as { content: string }).content
  }
  return stringify(output)
}

/** The short output preview under a finished tool row (original: Bash 300 chars, Grep/Glob 5 lines). */
export function outputPreview(
  tool: string,
  output: unknown,
  error: string | undefined,
  success: boolean,
): string | null {
  if (!success)
    return error
      ? truncate(error, ERROR_PREVIEW_CHARS)
      : truncate(toolOutputText(output), ERROR_PREVIEW_CHARS) || null
  const text = toolOutputText(output).trim()
  if (!text) return null
  if (tool === 'Grep' || tool === 'Glob') {
    const lines = text.split('\n')
    return (
      lines.slice(0, SEARCH_OUTPUT_PREVIEW_LINES).join('\n') +
      (lines.length > SEARCH_OUTPUT_PREVIEW_LINES
        ? `\n… ${lines.length - SEARCH_OUTPUT_PREVIEW_LINES} more`
        : '')
    )
  }
  if (tool === 'Bash') return truncate(text, BASH_OUTPUT_PREVIEW_CHARS)
  return null
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`
  const m = Math.floor(ms / 60_000)
  return `${m}m ${Math.round((ms % 60_000) / 1000)}s`
}

export function formatJson(value: unknown): string {
  return stringify(value)
}
