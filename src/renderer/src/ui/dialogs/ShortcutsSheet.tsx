/** The shortcuts sheet (?): every action and its current keys, straight from the registry. */
import { Keyboard } from 'lucide-react'
import { useAppStore } from '../../store'
import { ACTIONS, GROUP_ORDER } from '../../keyboard/actions'
import { shadowedInDrawMode } from '../../keyboard/bindings'
import { useBindings } from '../../keyboard/useKeyboard'
import { Keycaps } from '../common/Keycaps'
import { Dialog } from './Dialog'
import './shortcuts-sheet.css'

export function ShortcutsSheet({ onClose }: { onClose(): void }) {
  const bindings = useBindings()
  const shadowed = shadowedInDrawMode(bindings)
  const openDialog = useAppStore((s) => s.openDialog)
  return (
    <Dialog
      title="Keyboard shortcuts"
      icon={<Keyboard size={16} aria-hidden />}
      onClose={onClose}
      wide
      footer={
        <button type="button" className="button" onClick={() => openDialog({ kind: 'settings' })}>
          Change shortcuts in Settings
        </button>
      }
    >
      <p className="muted">
        Single keys work when no text field has focus; Alt, Ctrl or ⌘ combinations work everywhere.
      </p>
      <div className="shortcut-groups">
        {GROUP_ORDER.map((group) => {
          const actions = ACTIONS.filter((a) => a.group === group)
          return (
            <section key={group} className="shortcut-group">
              <h3 className="section-title">{group}</h3>
              <dl>
                {actions.map((a) => (
                  <div key={a.id} className="shortcut-row">
                    <dt>
                      {a.label}
                      {shadowed.has(a.id) && (
                        <small> · draw mode takes {shadowed.get(a.id)!.join(', ')}</small>
                      )}
                    </dt>
                    <dd>
                      {bindings[a.id].length ? (
                        bindings[a.id].map((c) => <Keycaps key={c} combo={c} />)
                      ) : (
                        <span className="muted">unbound</span>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          )
        })}
      </div>
    </Dialog>
  )
}
