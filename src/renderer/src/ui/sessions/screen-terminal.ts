/**
 * A managed session that starts waiting on a screen in its terminal (Claude Code's trust, login
 * or update screen, before SessionStart) is selected and its terminal opened: the app cannot
 * answer that screen, only the user can, there (docs/session-lifecycle.md).
 */
import { useEffect } from 'react'
import type { Session } from '@shared/sessions'
import { useAppStore } from '../../store'
import { selectSession } from '../commands'

/** The first managed session in `next` that is on a screen and was not in `prev`. */
export function newlyOnScreen(prev: readonly Session[], next: readonly Session[]): string | null {
  const before = new Map(prev.map((s) => [s.id, s.status]))
  const entered = next.find(
    (s) => s.kind === 'managed' && s.status === 'screen' && before.get(s.id) !== 'screen',
  )
  return entered?.id ?? null
}

export function useTerminalForScreens(): void {
  useEffect(
    () =>
      useAppStore.subscribe((state, prev) => {
        if (state.sessions === prev.sessions) return
        const id = newlyOnScreen(prev.sessions, state.sessions)
        if (!id) return
        selectSession(id)
        state.setTerminalOpen(true)
      }),
    [],
  )
}
