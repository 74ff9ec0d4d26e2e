/**
 * The main window: the 3D workshop and the side panel (sessions, feed, prompt, terminal), plus
 * the top bar, dialogs, the permission dialog, menus and toasts around them.
 */
import { Suspense, useEffect } from 'react'
import { useAppStore } from './store'
import { core } from './transport'
import { useKeyboard } from './keyboard/useKeyboard'
import { Feed } from './ui/feed/Feed'
import { FeedHeader } from './ui/feed/FeedHeader'
import { PromptBar } from './ui/prompt/PromptBar'
import { SessionList } from './ui/sessions/SessionList'
import { SessionMenu } from './ui/sessions/SessionMenu'
import { useTerminalForScreens } from './ui/sessions/screen-terminal'
import { DialogHost } from './ui/dialogs/DialogHost'
import { PermissionHost } from './ui/permissions/PermissionDialog'
import { TopBar } from './ui/layout/TopBar'
import { ReplayBar } from './ui/replay/ReplayBar'
import { AttentionBar } from './ui/attention/AttentionBar'
import { Toasts } from './ui/layout/Toasts'
import { useSidePanelWidth } from './ui/layout/useSidePanelWidth'
import { useTheme } from './ui/layout/useTheme'
import { showNotification } from './ui/notifications'
import { setCreateZoneHandler, useSceneStore } from './scene/scene-store'
import { lazyComponent } from './ui/common/lazy-component'
import './ui/layout/layout.css'
import { needsYou } from '@shared/lifecycle'

// The scene (three.js) and the terminal (xterm) load in their own chunks, after the first paint.
const Workshop = lazyComponent(() => import('./scene/Workshop').then((m) => m.Workshop))
const TerminalPanel = lazyComponent(() =>
  import('./terminal/TerminalPanel').then((m) => m.TerminalPanel),
)

/** The tab title counts sessions that need the user, like the original's "(N) Vibecraft". */
function useAttentionTitle(): void {
  const count = useAppStore(
    (s) =>
      new Set([
        ...s.pending.map((p) => p.sessionId),
        ...s.sessions.filter((x) => needsYou(x.status)).map((x) => x.id),
      ]).size,
  )
  useEffect(() => {
    document.title = count > 0 ? `(${count}) Atelier` : 'Atelier'
  }, [count])
}

export function App() {
  useTheme()
  useKeyboard()
  useAttentionTitle()
  useTerminalForScreens()
  const compact = useAppStore((s) => s.compact)
  const replaying = useAppStore((s) => s.replay !== null)
  const terminalOpen = useAppStore((s) => s.terminalOpen)
  const drawMode = useSceneStore((s) => s.draw.enabled)
  const { width, dragging, onPointerDown, onKeyDown } = useSidePanelWidth()

  useEffect(() => core().on('notify', showNotification), [])
  // The floor menu's "Create zone" opens this window's dialog for that hex.
  useEffect(() => {
    setCreateZoneHandler((zone) => useAppStore.getState().openDialog({ kind: 'newSession', zone }))
    return () => setCreateZoneHandler(null)
  }, [])

  return (
    <div className={`app${compact ? ' compact' : ''}${dragging ? ' resizing' : ''}`}>
      <TopBar />
      <AttentionBar />
      <div className="main">
        {!compact && (
          <div className={`scene-pane${replaying ? ' replaying' : ''}`}>
            <Suspense fallback={null}>
              <Workshop />
            </Suspense>
            <ReplayBar />
            {drawMode && (
              <div className="draw-hint">
                Draw mode · 1–6 colours · 0 eraser · Q/E brush · R stacking · X clear · D or Esc to
                leave
              </div>
            )}
          </div>
        )}
        {!compact && (
          <div
            className="splitter"
            role="separator"
            aria-orientation="vertical"
            aria-label="Resize the side panel"
            aria-valuenow={width}
            tabIndex={0}
            onPointerDown={onPointerDown}
            onKeyDown={onKeyDown}
          />
        )}
        <aside className="side-pane" style={compact ? undefined : { width }}>
          <SessionList />
          <FeedHeader />
          <Feed />
          {terminalOpen && (
            <Suspense fallback={null}>
              <TerminalPanel />
            </Suspense>
          )}
          <PromptBar />
        </aside>
      </div>
      <SessionMenu />
      <DialogHost />
      <PermissionHost />
      <Toasts />
    </div>
  )
}
