/**
 * A folder field with suggestions from projects.autocomplete (known projects, then the disk): of
 * this machine, or of the remote host `host` names.
 */
import { useState } from 'react'
import { core } from '../../transport'
import { baseName } from '@shared/text'
import { tildePath } from '../common/format'
import { useDebouncedEffect } from '../common/use-debounced-effect'
import './folder-input.css'

/** Debounce while typing; an empty field asks sooner (it lists known projects). Original values. */
const TYPING_DEBOUNCE_MS = 150
const EMPTY_DEBOUNCE_MS = 100
const MAX_SUGGESTIONS = 8

export function FolderInput({
  id,
  value,
  onChange,
  onPick,
  invalid,
  host,
}: {
  id: string
  /** A remote host's id: its folders are suggested instead of this machine's. */
  host?: string
  value: string
  onChange(v: string): void
  onPick(v: string): void
  invalid?: boolean
}) {
  // Kept with the place they came from: another host's folders are never offered for this one.
  const [answer, setAnswer] = useState<{ host?: string; results: string[] }>({ results: [] })
  const results = answer.host === host ? answer.results : []
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)

  useDebouncedEffect(
    (stale) => {
      core()
        .invoke('projects.autocomplete', { query: value, ...(host ? { host } : {}) })
        .then(
          (r) =>
            !stale() &&
            (setAnswer({ host, results: r.results.slice(0, MAX_SUGGESTIONS) }), setActive(-1)),
        )
        .catch(() => !stale() && setAnswer({ host, results: [] }))
    },
    value ? TYPING_DEBOUNCE_MS : EMPTY_DEBOUNCE_MS,
    [value, host],
  )

  const pick = (path: string) => {
    onPick(path)
    setOpen(false)
  }

  const visible = open && results.length > 0 && !(results.length === 1 && results[0] === value)
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!visible) return
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      const d = e.key === 'ArrowDown' ? 1 : -1
      setActive((a) => (a + d + results.length) % results.length)
    } else if ((e.key === 'Enter' || e.key === 'Tab') && active >= 0) {
      e.preventDefault()
      pick(results[active])
    } else if (e.key === 'Escape') {
      e.preventDefault()
      setOpen(false)
    }
  }

  return (
    <div className="autocomplete">
      <input
        id={id}
        type="text"
        spellCheck={false}
        autoComplete="off"
        placeholder="/path/to/project"
        value={value}
        aria-invalid={invalid || undefined}
        aria-expanded={visible}
        aria-controls={`${id}-list`}
        role="combobox"
        onChange={(e) => {
          onChange(e.target.value)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        data-autofocus
      />
      {visible && (
        <ul className="popup-list autocomplete-list" id={`${id}-list`} role="listbox">
          {results.map((path, i) => (
            <li
              key={path}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault()
                pick(path)
              }}
            >
              <span className="ac-name">{baseName(path)}</span>
              <span className="ac-path">{tildePath(path)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
