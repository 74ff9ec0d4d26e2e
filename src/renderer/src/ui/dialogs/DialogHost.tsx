/** Renders the dialog stack; the top-most dialog is the one Escape closes. */
import { useAppStore, type DialogRequest } from '../../store'
import { AboutDialog } from './AboutDialog'
import { NewSessionDialog } from './NewSessionDialog'
import { DeleteDialog, RenameDialog } from './SessionDialogs'
import { SettingsDialog } from './SettingsDialog'
import { ShortcutsSheet } from './ShortcutsSheet'
import { ZoneInfoDialog } from './ZoneInfoDialog'

function renderDialog(d: DialogRequest, close: () => void) {
  switch (d.kind) {
    case 'newSession':
      return <NewSessionDialog zone={d.zone} onClose={close} />
    case 'settings':
      return <SettingsDialog onClose={close} />
    case 'about':
      return <AboutDialog onClose={close} />
    case 'shortcuts':
      return <ShortcutsSheet onClose={close} />
    case 'zoneInfo':
      return <ZoneInfoDialog sessionId={d.sessionId} onClose={close} />
    case 'rename':
      return <RenameDialog sessionId={d.sessionId} onClose={close} />
    case 'delete':
      return <DeleteDialog sessionId={d.sessionId} onClose={close} />
  }
}

export function DialogHost() {
  const dialogs = useAppStore((s) => s.dialogs)
  const close = (kind: DialogRequest['kind']) =>
    useAppStore.setState({ dialogs: useAppStore.getState().dialogs.filter((d) => d.kind !== kind) })
  return (
    <>
      {dialogs.map((d) => (
        <div key={d.kind} className="dialog-layer">
          {renderDialog(d, () => close(d.kind))}
        </div>
      ))}
    </>
  )
}
