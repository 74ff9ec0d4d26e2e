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
import { cycleTheme, selectNextAttention, sessionsNeedingYou } from '../commands'
import { compactNumber, formatCost } from '../common/format'
import { CaptureIndicator } from '../../voice/CaptureIndicator'
import './layout.css'

const CONNECTION_LABEL = {
  open: 'Connected',
  connecting: 'Connecting…',
  closed: 'Disconnected — retrying',
  unauthorized: 'Not authorised — reopen the link printed by Atelier',
}

export function TopBar() {
  const connection = useAppStore((s) => s.connection)
  const sessions = useAppStore((s) => s.sessions)
  const pendingCount = useAppStore((s) => s.pending.length)
  const hidden = useAppStore((s) => s.permissionDialogHidden)
  const compact = useAppStore((s) => s.compact)
  const terminalOpen = useAppStore((s) => s.terminalOpen)
  const theme = useAppStore((s) => s.settings?.theme ?? 'system')
  const s = useAppStore.getState()
  const needYou = sessionsNeedingYou().length
  const cost = sessions.reduce((sum, x) => sum + (x.usage.costUsd ?? 0), 0)
  const tokens = sessions.reduce(
    (sum, x) => sum + (x.usage.inputTokens ?? 0) + (x.usage.outputTokens ?? 0),
    0,
  )
  const ThemeIcon = theme === 'light' ? Sun : theme === 'dark' ? Moon : Monitor

  return (
    <header className="top-bar">
      <span className="brand">Atelier</span>
      <span
        className={`conn conn-${connection}`}
        role="status"
        title={CONNECTION_LABEL[connection]}
      >
        <span className="conn-dot" aria-hidden />
        {CONNECTION_LABEL[connection]}
      </span>
      {tokens > 0 && (
        <span className="totals" title="All sessions">
          {compactNumber(tokens)} tok · {formatCost(cost)}
        </span>
      )}
      <span className="spacer" />
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
      <button
        type="button"
        className={`icon-button${terminalOpen ? ' active' : ''}`}
        aria-pressed={terminalOpen}
        aria-label="Terminal (Ctrl+`)"
        title="Terminal (Ctrl+`)"
        onClick={() => s.setTerminalOpen(!terminalOpen)}
      >
        <SquareTerminal size={16} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-pressed={compact}
        aria-label={compact ? 'Show the scene (Alt+C)' : 'Compact mode (Alt+C)'}
        title={compact ? 'Show the scene (Alt+C)' : 'Compact mode: hide the scene (Alt+C)'}
        onClick={() => s.setCompact(!compact)}
      >
        {compact ? <Maximize2 size={16} /> : <Minimize2 size={16} />}
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Theme: ${theme} (Alt+T)`}
        title={`Theme: ${theme} (Alt+T)`}
        onClick={cycleTheme}
        data-testid="theme-toggle"
      >
        <ThemeIcon size={16} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Keyboard shortcuts (?)"
        title="Keyboard shortcuts (?)"
        onClick={() => s.openDialog({ kind: 'shortcuts' })}
      >
        <Keyboard size={16} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Settings"
        title="Settings (Ctrl+,)"
        onClick={() => s.openDialog({ kind: 'settings' })}
      >
        <Settings size={16} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="About"
        title="About (F1)"
        onClick={() => s.openDialog({ kind: 'about' })}
      >
        <Info size={16} />
      </button>
    </header>
  )
}
