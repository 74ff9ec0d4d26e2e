/**
 * A deleted session never leaves the window looking at nothing: when the session that was
 * selected, or whose zone the camera was on, goes from the store (sessions.delete), the selection
 * and the camera move to a remaining session, or to the overview when none remain. Before this,
 * the camera stayed on the empty hex with nothing selected while other sessions existed.
 */
import type { Session } from '@shared/sessions'
import { useAppStore } from '../../store'
import { moveCameraTo, overview } from '../../scene/camera-actions'
import { useSceneStore } from '../../scene/scene-store'

/**
 * The session to look at next: the most recently active one left. Where something happened last
 * is where a supervisor most likely wants to look next (a working or just-finished session); the
 * nearest hex is as often one idle for hours. Ties go to display order, so the pick is stable.
 */
export function successorOf(remaining: readonly Session[]): Session | undefined {
  let best: Session | undefined
  for (const s of remaining)
    if (
      !best ||
      s.lastActivity > best.lastActivity ||
      (s.lastActivity === best.lastActivity && s.order < best.order)
    )
      best = s
  return best
}

/** Installed once at start-up (the canvas need not be mounted); returns the uninstall. */
export function installRefocusAfterDelete(): () => void {
  return useAppStore.subscribe((state, prev) => {
    if (state.sessions === prev.sessions) return
    const ids = new Set(state.sessions.map((s) => s.id))
    const deleted = new Set(prev.sessions.filter((s) => !ids.has(s.id)).map((s) => s.id))
    if (deleted.size === 0) return
    const wasSelected = prev.selectedSessionId !== null && deleted.has(prev.selectedSessionId)
    const focused = useSceneStore.getState().focusedSessionId
    if (!wasSelected && !(focused !== null && deleted.has(focused))) return
    const next = successorOf(state.sessions)
    if (!next) {
      state.selectSession(null)
      overview(ids)
      return
    }
    state.selectSession(next.id)
    // A feed filtered on the deleted session follows the selection, as selecting does.
    if (prev.feedFilter !== null && deleted.has(prev.feedFilter)) state.setFeedFilter(next.id)
    moveCameraTo(next.id)
  })
}
