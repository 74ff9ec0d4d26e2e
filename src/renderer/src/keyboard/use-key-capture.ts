/**
 * Taking a key combo for a setting (a window action's keys, the system-wide shortcut): while
 * `active`, the next press that names a combo goes to `onCombo`, and a bare Escape to `onCancel`.
 * It listens in the capture phase and stops the press, so it neither reaches the window's keys
 * nor closes the dialog it is typed in.
 */
import { useEffect } from 'react'
import { comboFromEvent } from './combo'

export function useKeyCapture(
  active: boolean,
  onCombo: (combo: string) => void,
  onCancel: () => void,
): void {
  useEffect(() => {
    if (!active) return
    const onKey = (e: KeyboardEvent) => {
      e.preventDefault()
      e.stopPropagation()
      if (e.key === 'Escape' && !e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey) {
        onCancel()
        return
      }
      const combo = comboFromEvent(e)
      if (combo) onCombo(combo)
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [active, onCombo, onCancel])
}
