/**
 * Parser for `git diff --numstat -z`. Each record is `added<TAB>removed<TAB>path<NUL>`; for a
 * rename the path part is empty and two more NUL-separated fields follow: source, destination.
 * Binary files report `-` for both counts.
 */

export interface LineCounts {
  added: number
  removed: number
  binary: boolean
}

/** Line counts keyed by the file's current path (the destination of a rename). */
export function parseNumstat(output: string): Map<string, LineCounts> {
  const counts = new Map<string, LineCounts>()
  const fields = output.split('\0')
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]
    const firstTab = field.indexOf('\t')
    const secondTab = firstTab < 0 ? -1 : field.indexOf('\t', firstTab + 1)
    if (secondTab < 0) continue
    const addedText = field.slice(0, firstTab)
    const removedText = field.slice(firstTab + 1, secondTab)
    let path = field.slice(secondTab + 1)
    if (path === '') {
      // Rename: skip the source, keep the destination.
      path = fields[i + 2] ?? ''
      i += 2
      if (path === '') continue
    }
    const binary = addedText === '-' && removedText === '-'
    counts.set(path, {
      added: binary ? 0 : Number(addedText) || 0,
      removed: binary ? 0 : Number(removedText) || 0,
      binary,
    })
  }
  return counts
}

export function sumLines(counts: Iterable<LineCounts>): { added: number; removed: number } {
  let added = 0
  let removed = 0
  for (const c of counts) {
    added += c.added
    removed += c.removed
  }
  return { added, removed }
}
