/**
 * The empty workshop's invitation (first run, or every session deleted): a card on the
 * placeholder zone at the centre with a "Start a session" action and one line about watching the
 * sessions that already run in a terminal.
 */
import { Plus } from 'lucide-react'
import { useAppStore } from '../../store'
import { useOverlayEntry } from './use-overlay-entry'

export function FirstRun() {
  const ref = useOverlayEntry<HTMLDivElement>({
    key: 'placeholder',
    kind: 'placeholder',
    sessionId: '',
    anchor: (out) => {
      out.set(0, 0, 0)
      return true
    },
  })
  return (
    <div ref={ref} className="first-run" data-testid="first-run">
      <div className="first-run-title">Your workshop is empty</div>
      <button
        type="button"
        className="first-run-start"
        onClick={() =>
          useAppStore.getState().openDialog({ kind: 'newSession', zone: { q: 0, r: 0 } })
        }
      >
        <Plus size={15} strokeWidth={2.4} aria-hidden /> Start a session
      </button>
      <div className="first-run-hint">
        Already running Claude Code in a terminal? Install the global hooks in{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => useAppStore.getState().openDialog({ kind: 'settings' })}
        >
          Settings → Hooks
        </button>{' '}
        to watch those sessions here.
      </div>
    </div>
  )
}
