/** A unified diff with coloured rows, old/new line numbers and syntax highlighting. */
import { useMemo } from 'react'
import { FileDiff } from 'lucide-react'
import { parseUnifiedDiff, type DiffRow } from './diff-rows'
import { highlightLine, languageForPath } from './highlight'
import './git.css'

/** Rendering more rows than this makes the panel sluggish; the rest is summarised. */
export const MAX_RENDERED_ROWS = 5_000

export interface DiffViewProps {
  /** Repository-relative path; picks the highlighting language. */
  path: string
  diff: string
  /** The diff was cut at the service's size cap. */
  truncated?: boolean
}

function RowText({ row, language }: { row: DiffRow; language: string | undefined }) {
  const codeRow = row.kind === 'add' || row.kind === 'del' || row.kind === 'context'
  if (!codeRow || !language || row.text.length === 0) {
    return <span className="git-diff-text">{row.text}</span>
  }
  // Safe: highlightLine returns highlight.js output, which escapes all source text and only
  // adds its own <span class="hljs-*"> tags (see highlight.ts). Raw diff text never reaches here.
  return (
    <span
      className="git-diff-text hljs"
      dangerouslySetInnerHTML={{ __html: highlightLine(row.text, language) }}
    />
  )
}

export function DiffView({ path, diff, truncated = false }: DiffViewProps) {
  const rows = useMemo(() => parseUnifiedDiff(diff), [diff])
  const language = languageForPath(path)
  const shown = rows.length > MAX_RENDERED_ROWS ? rows.slice(0, MAX_RENDERED_ROWS) : rows
  const hidden = rows.length - shown.length

  return (
    <div className="git-diff" aria-label={`Diff of ${path}`}>
      <div className="git-diff-header">
        <FileDiff size={14} aria-hidden />
        <span className="git-diff-path">{path}</span>
      </div>
      {rows.length === 0 ? (
        <div className="git-diff-empty">No changes to show</div>
      ) : (
        <table className="git-diff-table">
          <tbody>
            {shown.map((row, i) => (
              <tr key={i} className={`git-diff-row git-diff-${row.kind}`} data-kind={row.kind}>
                <td className="git-diff-num">{row.oldLine ?? ''}</td>
                <td className="git-diff-num">{row.newLine ?? ''}</td>
                <td className="git-diff-prefix">{row.prefix}</td>
                <td className="git-diff-code">
                  <RowText row={row} language={language} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hidden > 0 && <div className="git-diff-note">{hidden} more lines not shown</div>}
      {truncated && <div className="git-diff-note">Diff cut at its size limit</div>}
    </div>
  )
}
