/** The window's top bar: connection state, attention count, totals, and the view buttons. */
import {
  Info,
  Keyboard,
  Minimize2,
  Maximize2,
  Monitor,
  Moon,
  Settings,
  ShieldAlert,
  SquareTerminal,
  Sun,
} from 'lucide-react'
import { useAppStore } from '../../store'
import { IconButton } from '../common/IconButton'
import { cycleTheme, selectNextAttention, sessionsNeedingYou } from '../commands'
import { CaptureIndicator } from '../../voice/CaptureIndicator'
import { QuotaChip } from '../fleet/QuotaChip'
import { FleetTotals } from '../fleet/FleetTotals'
import { UpdateChip } from './UpdateChip'
import './layout.css'

const CONNECTION_LABEL = {
  open: 'Connected',
  connecting: 'Connecting…',
  closed: 'Disconnected — retrying',
  unauthorized: 'Not authorised — reopen the link printed by Atelier',
}

export function TopBar() {
  const connection = useAppStore((s) => s.connection)
  const pendingCount = useAppStore((s) => s.pending.length)
  const hidden = useAppStore((s) => s.permissionDialogHidden)
  const compact = useAppStore((s) => s.compact)
  const terminalOpen = useAppStore((s) => s.terminalOpen)
  const theme = useAppStore((s) => s.settings?.theme ?? 'system')
  const s = useAppStore.getState()
  const needYou = sessionsNeedingYou().length
  const ThemeIcon = theme === 'light' ? Sun : theme === 'dark' ? Moon : Monitor

  return (
    <header className="strip top-bar">
      <span className="brand">Atelier</span>
      <span
        className={`conn conn-${connection}`}
        role="status"
        title={CONNECTION_LABEL[connection]}
      >
        <span className="conn-dot" aria-hidden />
        {CONNECTION_LABEL[connection]}
      </span>
      <FleetTotals />
      <span className="spacer" />
      <UpdateChip />
      <QuotaChip />
      <CaptureIndicator />
      {pendingCount > 0 && hidden && (
        <button
          type="button"
          className="button warn small"
          onClick={() => s.setPermissionDialogHidden(false)}
        >
          <ShieldAlert size={14} aria-hidden /> {pendingCount} waiting for you
        </button>
      )}
      {needYou > 0 && !(pendingCount > 0 && hidden) && (
        <button
          type="button"
          className="attention-badge"
          onClick={selectNextAttention}
          title="Go to the next session that needs you (Alt+A)"
        >
          {needYou} need{needYou === 1 ? 's' : ''} you
        </button>
      )}
      <IconButton
        className={terminalOpen ? 'active' : undefined}
        aria-pressed={terminalOpen}
        label="Terminal (Ctrl+`)"
        title="Terminal (Ctrl+`)"
        onClick={() => s.setTerminalOpen(!terminalOpen)}
        icon={SquareTerminal}
      />
      <IconButton
        aria-pressed={compact}
        label={compact ? 'Show the scene (Alt+C)' : 'Compact mode (Alt+C)'}
        title={compact ? 'Show the scene (Alt+C)' : 'Compact mode: hide the scene (Alt+C)'}
        onClick={() => s.setCompact(!compact)}
        icon={compact ? Maximize2 : Minimize2}
      />
      <IconButton
        label={`Theme: ${theme} (Alt+T)`}
        title={`Theme: ${theme} (Alt+T)`}
        onClick={cycleTheme}
        data-testid="theme-toggle"
        icon={ThemeIcon}
      />
      <IconButton
        label="Keyboard shortcuts (?)"
        title="Keyboard shortcuts (?)"
        onClick={() => s.openDialog({ kind: 'shortcuts' })}
        icon={Keyboard}
      />
      <IconButton
        label="Settings"
        title="Settings (Ctrl+,)"
        onClick={() => s.openDialog({ kind: 'settings' })}
        icon={Settings}
      />
      <IconButton
        label="About"
        title="About (F1)"
        onClick={() => s.openDialog({ kind: 'about' })}
        icon={Info}
      />
    </header>
  )
}
