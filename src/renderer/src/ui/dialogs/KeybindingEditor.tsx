/**
 * Rebinding shortcuts: click "Change", press the new keys. A combo that another action already
 * uses in the same place is refused with the name of that action, so no key ever does two things.
 */
import { useState } from 'react'
import { RotateCcw } from 'lucide-react'
import { IconButton } from '../common/IconButton'
import { useAppStore } from '../../store'
import { ACTION_BY_ID, ACTIONS } from '../../keyboard/actions'
import { bindingText, findConflicts, resolveBindings } from '../../keyboard/bindings'
import { useKeyCapture } from '../../keyboard/use-key-capture'
import { updateSettings } from '../commands'
import { Keycaps } from '../common/Keycaps'

const NO_OVERRIDES: Record<string, string> = {}

/** Returns an error for a proposed binding, or null when it is free. */
export function bindingConflict(
  overrides: Record<string, string>,
  actionId: string,
  combos: string[],
): string | null {
  const next = resolveBindings({ ...overrides, [actionId]: bindingText(combos) })
  const clash = findConflicts(next).find((c) => c.actionIds.includes(actionId))
  if (!clash) return null
  const other = clash.actionIds.find((id) => id !== actionId)
  return `${clash.combo} already does “${ACTION_BY_ID.get(other ?? '')?.label ?? other}”.`
}

export function KeybindingEditor() {
  const overrides = useAppStore((s) => s.settings?.keybindings ?? NO_OVERRIDES)
  const bindings = resolveBindings(overrides)
  const [capturing, setCapturing] = useState<{ id: string; mode: 'replace' | 'add' } | null>(null)
  const [error, setError] = useState<{ id: string; text: string } | null>(null)
  const [filter, setFilter] = useState('')

  useKeyCapture(
    capturing !== null,
    (combo) => {
      if (!capturing) return
      const current = bindings[capturing.id] ?? []
      const combos =
        capturing.mode === 'add' ? [...current.filter((c) => c !== combo), combo] : [combo]
      const conflict = bindingConflict(overrides, capturing.id, combos)
      setCapturing(null)
      if (conflict) {
        setError({ id: capturing.id, text: conflict })
        return
      }
      setError(null)
      void updateSettings({ keybindings: { ...overrides, [capturing.id]: bindingText(combos) } })
    },
    () => setCapturing(null),
  )

  const reset = (id: string) => {
    const next = { ...overrides }
    delete next[id]
    const conflict = findConflicts(resolveBindings(next)).find((c) => c.actionIds.includes(id))
    if (conflict) {
      setError({
        id,
        text: `The default ${conflict.combo} is now used by another action; change that one first.`,
      })
      return
    }
    setError(null)
    void updateSettings({ keybindings: next })
  }

  const unbind = (id: string) => void updateSettings({ keybindings: { ...overrides, [id]: '' } })
  const q = filter.trim().toLowerCase()
  const shown = ACTIONS.filter(
    (a) => !q || a.label.toLowerCase().includes(q) || a.group.toLowerCase().includes(q),
  )

  return (
    <div className="keybindings">
      <input
        type="search"
        placeholder="Filter actions"
        aria-label="Filter shortcuts"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <ul>
        {shown.map((a) => (
          <li key={a.id} className="kb-row">
            <span className="kb-label">
              {a.label}
              <small>{a.group}</small>
            </span>
            <span className="kb-keys">
              {capturing?.id === a.id ? (
                <span className="kb-capture">Press keys… (Esc cancels)</span>
              ) : bindings[a.id].length ? (
                bindings[a.id].map((c) => <Keycaps key={c} combo={c} />)
              ) : (
                <span className="muted">unbound</span>
              )}
            </span>
            <span className="kb-actions">
              {[
                { text: 'Change', run: () => setCapturing({ id: a.id, mode: 'replace' }) },
                { text: 'Add', run: () => setCapturing({ id: a.id, mode: 'add' }) },
                { text: 'Clear', run: () => unbind(a.id), off: bindings[a.id].length === 0 },
              ].map((b) => (
                <button
                  key={b.text}
                  type="button"
                  className="button small"
                  onClick={b.run}
                  disabled={b.off}
                >
                  {b.text}
                </button>
              ))}
              <IconButton
                label={`Reset ${a.label}`}
                title="Reset to default"
                disabled={!(a.id in overrides)}
                onClick={() => reset(a.id)}
                icon={RotateCcw}
                size={14}
              />
            </span>
            {error?.id === a.id && (
              <span className="field-error kb-error" role="alert">
                {error.text}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
