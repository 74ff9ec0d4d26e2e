/** Splits a unified diff (as printed by `git diff`) into rows with line numbers. Pure. */

export type DiffRowKind = 'meta' | 'hunk' | 'add' | 'del' | 'context' | 'note'

export interface DiffRow {
  kind: DiffRowKind
  /** Line content without its +/-/space prefix (whole line for meta, hunk and note rows). */
  text: string
  /** The prefix column as printed (`+`, `-`, ` `, or two columns for a combined diff). */
  prefix: string
  oldLine?: number
  newLine?: number
}

const HUNK_HEADER = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/
/** A conflict shows a combined diff (`@@@ … @@@`) with one prefix column per parent. */
const COMBINED_HUNK_HEADER = /^(@{3,}) /

export function parseUnifiedDiff(diff: string): DiffRow[] {
  const lines = diff.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  const rows: DiffRow[] = []
  let inHunk = false
  let prefixWidth = 1
  let oldLine = 0
  let newLine = 0
  for (const line of lines) {
    const combined = COMBINED_HUNK_HEADER.exec(line)
    const simple = HUNK_HEADER.exec(line)
    if (combined || simple) {
      inHunk = true
      prefixWidth = combined ? combined[1].length - 1 : 1
      oldLine = simple ? Number(simple[1]) : 0
      newLine = simple ? Number(simple[2]) : 0
      rows.push({ kind: 'hunk', text: line, prefix: '' })
      continue
    }
    if (!inHunk || line.startsWith('diff ')) {
      inHunk = false
      rows.push({ kind: 'meta', text: line, prefix: '' })
      continue
    }
    if (line.startsWith('\\')) {
      rows.push({ kind: 'note', text: line, prefix: '' })
      continue
    }
    const prefix = line.slice(0, prefixWidth)
    const text = line.slice(prefixWidth)
    const numbered = prefixWidth === 1
    if (prefix.includes('+')) {
      rows.push({ kind: 'add', text, prefix, ...(numbered ? { newLine: newLine++ } : {}) })
    } else if (prefix.includes('-')) {
      rows.push({ kind: 'del', text, prefix, ...(numbered ? { oldLine: oldLine++ } : {}) })
    } else {
      rows.push({
        kind: 'context',
        text,
        prefix,
        ...(numbered ? { oldLine: oldLine++, newLine: newLine++ } : {}),
      })
    }
  }
  return rows
}
