/** What each registry action does. Keys for the permission dialog are handled by that dialog. */
import { useAppStore } from '../store'
import * as cmd from '../ui/commands'
import { followActive } from '../scene/camera-actions'
import { clearPaint, pickDrawColor } from '../scene/draw-actions'
import {
  changeBrush,
  toggleDrawMode,
  togglePanels,
  toggleStacking,
  useSceneStore,
} from '../scene/scene-store'
import { uiSignals } from '../ui/signals'
import { jumpNext } from '../ui/attention/attention-actions'
import { press as pressToTalk } from '../voice/controller'
import { DRAW_COLOR_SLOTS, SESSION_HOTKEYS } from './actions'

const store = useAppStore.getState

/** Returns false when the action does not apply right now, so the key keeps its normal meaning. */
export type Handler = () => boolean | void

function openForSelected(kind: 'rename' | 'delete' | 'zoneInfo'): void {
  cmd.withSelected(kind === 'zoneInfo' ? 'see its zone info' : `${kind} it`, (s) =>
    store().openDialog({ kind, sessionId: s.id }),
  )
}

function sessionMenuForSelected(): void {
  cmd.withSelected('open its menu', (s) => {
    const card = document.querySelector(`[data-session-card="${CSS.escape(s.id)}"]`)
    const rect = card?.getBoundingClientRect()
    store().openSessionMenu({
      sessionId: s.id,
      x: rect ? rect.left + 24 : 200,
      y: rect ? rect.bottom - 4 : 200,
    })
  })
}

const handlers: Record<string, Handler> = {
  'session.all': () => cmd.selectAll(),
  'session.next': () => cmd.cycleSession(1),
  'session.prev': () => cmd.cycleSession(-1),
  'session.nextAttention': () => jumpNext(),
  'session.new': () => store().openDialog({ kind: 'newSession' }),
  'session.interrupt': () =>
    cmd.withSelected('interrupt it', (s) => void cmd.interruptSession(s.id)),
  'session.rename': () => openForSelected('rename'),
  'session.delete': () => openForSelected('delete'),
  'session.restart': () => cmd.withSelected('restart it', (s) => void cmd.restartSession(s.id)),
  'session.openFolder': () =>
    cmd.withSelected('show its folder', (s) => void cmd.revealInFileManager(s.cwd)),
  'session.menu': () => sessionMenuForSelected(),
  'session.moveUp': () => cmd.withSelected('move it', (s) => void cmd.moveSession(s.id, -1)),
  'session.moveDown': () => cmd.withSelected('move it', (s) => void cmd.moveSession(s.id, 1)),
  'prompt.focus': () => uiSignals.emit('focusPrompt'),
  'feed.search': () => uiSignals.emit('focusSearch'),
  'feed.latest': () => uiSignals.emit('feedLatest'),
  'feed.expandLatest': () => uiSignals.emit('feedExpandLatest'),
  'feed.filter': () => {
    const { feedFilter, selectedSessionId } = store()
    store().setFeedFilter(feedFilter ? null : selectedSessionId)
  },
  'view.terminal': () => store().setTerminalOpen(!store().terminalOpen),
  'view.compact': () => store().setCompact(!store().compact),
  'view.theme': () => cmd.cycleTheme(),
  'dialog.settings': () => store().openDialog({ kind: 'settings' }),
  'dialog.about': () => store().openDialog({ kind: 'about' }),
  'dialog.usage': () => store().openDialog({ kind: 'usage' }),
  'dialog.shortcuts': () => store().openDialog({ kind: 'shortcuts' }),
  'dialog.zoneInfo': () => openForSelected('zoneInfo'),
  'dialog.close': () => store().closeDialog(),
  'scene.follow': () => followActive(useSceneStore.getState().cameraMode !== 'follow-active'),
  'scene.panels': () => togglePanels(),
  'draw.toggle': () => toggleDrawMode(true),
  'draw.exit': () => toggleDrawMode(false),
  'draw.eraser': () => pickDrawColor(-1),
  'draw.brushSmaller': () => changeBrush(-1),
  'draw.brushLarger': () => changeBrush(1),
  'draw.stacking': () => toggleStacking(),
  'draw.clear': () => clearPaint(),
  'voice.talk': () => void pressToTalk(),
}
for (let i = 1; i <= SESSION_HOTKEYS; i++)
  handlers[`session.select.${i}`] = () => cmd.selectSessionAt(i - 1)
for (let i = 1; i <= DRAW_COLOR_SLOTS; i++) handlers[`draw.color.${i}`] = () => pickDrawColor(i - 1)

export function globalHandler(actionId: string): Handler | undefined {
  return handlers[actionId]
}
