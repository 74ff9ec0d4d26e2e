/**
 * Parser for `git status --porcelain=v2 --branch -z`. Records are NUL-separated; a rename record
 * is followed by one more NUL-separated field holding the original path. Paths may contain
 * spaces, so each record is split on a fixed number of leading fields only.
 */

export interface PorcelainEntry {
  kind: 'changed' | 'renamed' | 'unmerged' | 'untracked'
  /** Two-letter XY code ('.' = unchanged); '??' for untracked. */
  xy: string
  path: string
  /** Original path of a rename or copy. */
  from?: string
}

export interface PorcelainStatus {
  /** Commit HEAD points to, or null on an unborn branch. */
  oid: string | null
  /** Branch name, or null when HEAD is detached. */
  branch: string | null
  upstream?: string
  ahead: number
  behind: number
  entries: PorcelainEntry[]
}

/** Leading space-separated fields before the path, per record type (see git-status(1)). */
const FIELDS_BEFORE_PATH = { '1': 8, '2': 9, u: 10 } as const

function pathAfterFields(record: string, fieldCount: number): { fields: string[]; path: string } {
  const fields: string[] = []
  let start = 0
  for (let i = 0; i < fieldCount; i++) {
    const space = record.indexOf(' ', start)
    if (space < 0) throw new Error(`malformed porcelain record: ${record.slice(0, 80)}`)
    fields.push(record.slice(start, space))
    start = space + 1
  }
  return { fields, path: record.slice(start) }
}

function applyHeader(status: PorcelainStatus, header: string): void {
  const space = header.indexOf(' ')
  const name = space < 0 ? header : header.slice(0, space)
  const value = space < 0 ? '' : header.slice(space + 1)
  switch (name) {
    case 'branch.oid':
      status.oid = value === '(initial)' ? null : value
      break
    case 'branch.head':
      status.branch = value === '(detached)' ? null : value
      break
    case 'branch.upstream':
      status.upstream = value
      break
    case 'branch.ab': {
      const match = /^\+(\d+) -(\d+)$/.exec(value)
      if (match) {
        status.ahead = Number(match[1])
        status.behind = Number(match[2])
      }
      break
    }
  }
}

/**
 * @param output raw stdout; if it was cut short, the incomplete last record is dropped.
 */
export function parsePorcelainV2(output: string): PorcelainStatus {
  const status: PorcelainStatus = { oid: null, branch: null, ahead: 0, behind: 0, entries: [] }
  const records = output.split('\0')
  // Complete output ends with NUL, leaving an empty last element; anything else is a cut record.
  records.pop()
  for (let i = 0; i < records.length; i++) {
    const record = records[i]
    if (record.length === 0) continue
    const type = record[0]
    if (type === '#') {
      applyHeader(status, record.slice(2))
    } else if (type === '1') {
      const { fields, path } = pathAfterFields(record, FIELDS_BEFORE_PATH['1'])
      status.entries.push({ kind: 'changed', xy: fields[1], path })
    } else if (type === '2') {
      const { fields, path } = pathAfterFields(record, FIELDS_BEFORE_PATH['2'])
      const from = records[++i]
      if (from === undefined) break
      status.entries.push({ kind: 'renamed', xy: fields[1], path, from })
    } else if (type === 'u') {
      const { fields, path } = pathAfterFields(record, FIELDS_BEFORE_PATH.u)
      status.entries.push({ kind: 'unmerged', xy: fields[1], path })
    } else if (type === '?') {
      status.entries.push({ kind: 'untracked', xy: '??', path: record.slice(2) })
    }
    // '!' (ignored) records are not requested; unknown record types are skipped for forward compatibility.
  }
  return status
}
