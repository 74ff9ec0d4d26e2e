/** What a pending permission request asks, in a form the dialog can show. */
import type { PendingRequest } from '@shared/permissions'

export interface DiffLine {
  sign: '+' | '-' | ' '
  text: string
}

/** Lines shown in the diff preview before "… N more lines". */
export const DIFF_PREVIEW_LINES = 400

function str(input: unknown, key: string): string | undefined {
  if (!input || typeof input !== 'object') return undefined
  const v = (input as Record<string, unknown>)[key]
  return typeof v === 'string' ? v : undefined
}

/**
 * A compact diff: the common head and tail stay as context, the middle shows removed then added
 * lines. Enough to judge an Edit at a glance without a diff library.
 */
export function simpleDiff(oldText: string, newText: string): DiffLine[] {
  const a = oldText.split('\n')
  const b = newText.split('\n')
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++
  return [
    ...a.slice(0, head).map((text) => ({ sign: ' ' as const, text })),
    ...a.slice(head, a.length - tail).map((text) => ({ sign: '-' as const, text })),
    ...b.slice(head, b.length - tail).map((text) => ({ sign: '+' as const, text })),
    ...a.slice(a.length - tail).map((text) => ({ sign: ' ' as const, text })),
  ]
}

export interface RequestView {
  /** The file or command the request is about. */
  subject?: { kind: 'command' | 'file' | 'url' | 'text'; text: string }
  description?: string
  diff?: DiffLine[]
}

export function describeRequest(req: PendingRequest): RequestView {
  const input = req.toolInput
  const command = str(input, 'command')
  const file = str(input, 'file_path') ?? str(input, 'notebook_path')
  const view: RequestView = { description: str(input, 'description') }
  if (command) view.subject = { kind: 'command', text: command }
  else if (file) view.subject = { kind: 'file', text: file }
  else if (str(input, 'url')) view.subject = { kind: 'url', text: str(input, 'url')! }
  else if (str(input, 'pattern')) view.subject = { kind: 'text', text: str(input, 'pattern')! }
  const oldString = str(input, 'old_string')
  const newString = str(input, 'new_string')
  const content = str(input, 'content')
  if (oldString !== undefined && newString !== undefined)
    view.diff = simpleDiff(oldString, newString)
  else if (content !== undefined)
    view.diff = content.split('\n').map((text) => ({ sign: '+', text }))
  else if (
    input &&
    typeof input === 'object' &&
    Array.isArray((input as { edits?: unknown }).edits)
  ) {
    view.diff = (
      (input as { edits: { old_string?: string; new_string?: string }[] }).edits ?? []
    ).flatMap((e, i) => [
      ...(i > 0 ? [{ sign: ' ' as const, text: '…' }] : []),
      ...simpleDiff(e.old_string ?? '', e.new_string ?? ''),
    ])
  }
  return view
}
