/**
 * What full-text search indexes for an event: prompts, assistant text, commands, file paths and
 * search patterns — the things a user remembers and types into the search box.
 */
import type { CanonicalEvent } from '@shared/events'

const INPUT_KEYS = [
  'command',
  'file_path',
  'path',
  'pattern',
  'url',
  'query',
  'description',
  'notebook_path',
  'prompt',
]
const MAX_INDEXED_CHARS = 8_192

function inputText(input: unknown): string {
  if (!input || typeof input !== 'object') return ''
  const rec = input as Record<string, unknown>
  const parts: string[] = []
  for (const k of INPUT_KEYS) {
    const v = rec[k]
    if (typeof v === 'string') parts.push(v)
  }
  return parts.join('\n')
}

export function searchableText(e: CanonicalEvent): string {
  let text: string
  switch (e.type) {
    case 'prompt':
    case 'assistant.text':
      text = e.text
      break
    case 'stop':
      text = e.text ?? ''
      break
    case 'stop.failure':
      text = [e.error, e.details, e.text].filter(Boolean).join('\n')
      break
    case 'tool.start':
      text = `${e.tool}\n${inputText(e.input)}`
      break
    case 'tool.end':
      text = e.success ? '' : `${e.tool}\n${inputText(e.input)}\n${e.error ?? ''}`
      break
    case 'subagent.stop':
      text = e.text ?? ''
      break
    case 'subagent.result':
      text = [e.summary, e.result].filter(Boolean).join('\n')
      break
    case 'claude.notice':
      text = e.text
      break
    case 'notification':
      text = e.message
      break
    default:
      text = ''
  }
  return text.length > MAX_INDEXED_CHARS ? text.slice(0, MAX_INDEXED_CHARS) : text
}

/**
 * Turns free text into a safe FTS5 query: every word becomes a quoted phrase (so operators and
 * punctuation in the user's text are literal) and the last word matches as a prefix.
 */
export function toFtsQuery(input: string): string | null {
  const words = input
    .split(/\s+/)
    // Quotes would end the phrase; control characters (NUL) end the query string inside FTS5.
    // eslint-disable-next-line no-control-regex
    .map((w) => w.replace(/["\u0000-\u001f\u007f]/g, ''))
    .filter((w) => w.length > 0)
    .slice(0, 16)
  if (words.length === 0) return null
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? ' *' : ''}`).join(' ')
}
