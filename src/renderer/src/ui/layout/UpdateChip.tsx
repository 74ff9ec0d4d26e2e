/**
 * A downloaded update, waiting in the top bar until the user restarts into it or puts it off.
 * The shell's notice toast fades; this stays, because an update nobody sees never gets installed.
 * Restarting goes through the shell, which first asks about running sessions.
 */
import { ArrowUpCircle, X } from 'lucide-react'
import { useAppStore } from '../../store'
import { core } from '../../transport'
import { IconButton } from '../common/IconButton'
import { attempt } from '../commands'
import './layout.css'

export function UpdateChip() {
  const update = useAppStore((s) => s.updateReady)
  const dismiss = useAppStore((s) => s.dismissUpdate)
  if (!update) return null
  const notes = update.releaseNotes?.trim()
  return (
    <span className="update-chip" role="status">
      <button
        type="button"
        className="button primary small"
        title={
          notes
            ? `What's new in ${update.version}:\n${notes}`
            : `Atelier ${update.version} is downloaded`
        }
        onClick={() =>
          void attempt('Could not restart into the update', () =>
            core().invoke('app.installUpdate', {}),
          )
        }
      >
        <ArrowUpCircle size={14} aria-hidden /> Restart to update to {update.version}
      </button>
      <IconButton
        label="Later"
        title="Later (the tray keeps the update)"
        onClick={dismiss}
        icon={X}
        size={14}
      />
    </span>
  )
}
