/** Renders the dialog stack; the top-most dialog is the one Escape closes. */
import { Suspense } from 'react'
import { useAppStore, type DialogRequest } from '../../store'
import { lazyComponent } from '../common/lazy-component'

// Each dialog loads with its own chunk when first opened (the settings' editors, the git panel's
// syntax highlighting and the rest stay out of the first load).
const AboutDialog = lazyComponent(() => import('./AboutDialog').then((m) => m.AboutDialog))
const NewSessionDialog = lazyComponent(() =>
  import('./NewSessionDialog').then((m) => m.NewSessionDialog),
)
const RenameDialog = lazyComponent(() => import('./SessionDialogs').then((m) => m.RenameDialog))
const DeleteDialog = lazyComponent(() => import('./SessionDialogs').then((m) => m.DeleteDialog))
const SettingsDialog = lazyComponent(() => import('./SettingsDialog').then((m) => m.SettingsDialog))
const ShortcutsSheet = lazyComponent(() => import('./ShortcutsSheet').then((m) => m.ShortcutsSheet))
const UsageDialog = lazyComponent(() => import('../fleet/UsageDialog').then((m) => m.UsageDialog))
const SessionRulesDialog = lazyComponent(() =>
  import('../fleet/SessionRulesDialog').then((m) => m.SessionRulesDialog),
)
const ExportReplayDialog = lazyComponent(() =>
  import('../replay/ExportReplayDialog').then((m) => m.ExportReplayDialog),
)
const ZoneInfoDialog = lazyComponent(() => import('./ZoneInfoDialog').then((m) => m.ZoneInfoDialog))

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
    case 'usage':
      return <UsageDialog onClose={close} />
    case 'rules':
      return <SessionRulesDialog sessionId={d.sessionId} onClose={close} />
    case 'replayExport':
      return <ExportReplayDialog onClose={close} />
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
          <Suspense fallback={null}>{renderDialog(d, () => close(d.kind))}</Suspense>
        </div>
      ))}
    </>
  )
}
