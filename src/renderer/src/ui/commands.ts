/**
 * What the window can do, in one place: buttons, menus and keyboard shortcuts all call these, so
 * a shortcut and its button can never behave differently. Every failure surfaces as a toast with
 * the server's own message.
 */
import type { Session } from '@shared/sessions'
import { needsYou } from '@shared/lifecycle'
import type { Settings, SettingsPatch } from '@shared/settings'
import { core } from '../transport'
import { useAppStore } from '../store'
import { moveId, orderedSessions } from './sessions/order'
import { focusZone, overview } from '../scene/camera-actions'
import { markSeen } from './attention/attention-actions'

const store = useAppStore.getState

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message
  return String(err)
}

/** Runs a request; on failure shows the server's message and returns undefined. */
export async function attempt<T>(what: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run()
  } catch (err) {
    store().toast('error', `${what}: ${errorMessage(err)}`)
    return undefined
  }
}

export function sessionsInOrder(): Session[] {
  return orderedSessions(store().sessions)
}

export function selectedSession(): Session | undefined {
  const { sessions, selectedSessionId } = store()
  return sessions.find((s) => s.id === selectedSessionId)
}

export function selectSession(id: string): void {
  const session = store().sessions.find((s) => s.id === id)
  if (!session) return
  store().selectSession(id)
  store().setFeedFilter(id)
  focusZone(id)
  // Selecting a session is how the user says "seen it" (docs/original.md#attention): its turn's
  // outcome leaves the attention queue, and the card keeps saying how that turn ended.
  markSeen(id)
}

export function selectSessionAt(index: number): void {
  const session = sessionsInOrder()[index]
  if (session) selectSession(session.id)
}

export function selectAll(): void {
  store().selectSession(null)
  store().setFeedFilter(null)
  overview()
}

export function cycleSession(delta: 1 | -1): void {
  const ordered = sessionsInOrder()
  if (ordered.length === 0) return
  const current = ordered.findIndex((s) => s.id === store().selectedSessionId)
  const next =
    current < 0
      ? delta > 0
        ? 0
        : ordered.length - 1
      : (current + delta + ordered.length) % ordered.length
  selectSession(ordered[next].id)
}

/** Sessions that need the user: a held request, or a state that waits on them (never a success). */
export function sessionsNeedingYou(): Session[] {
  const { pending } = store()
  const waiting = new Set(pending.map((p) => p.sessionId))
  return sessionsInOrder().filter((s) => waiting.has(s.id) || needsYou(s.status))
}

export function selectNextAttention(): void {
  const list = sessionsNeedingYou()
  if (list.length === 0) {
    store().toast('info', 'No session needs you right now')
    return
  }
  const current = list.findIndex((s) => s.id === store().selectedSessionId)
  selectSession(list[(current + 1) % list.length].id)
}

export async function sendPrompt(sessionId: string, text: string): Promise<boolean> {
  const ok = await attempt('Prompt not sent', () =>
    core().invoke('sessions.prompt', { id: sessionId, text }),
  )
  if (ok) store().rememberPrompt(sessionId, text)
  if (ok?.queued) {
    const name = store().sessions.find((s) => s.id === sessionId)?.name ?? 'the session'
    store().toast('info', `Queued for ${name}: sent when it can take it`)
  }
  return Boolean(ok)
}

export async function interruptSession(id: string): Promise<void> {
  const session = store().sessions.find((s) => s.id === id)
  const ok = await attempt('Could not interrupt', () => core().invoke('sessions.interrupt', { id }))
  if (ok) store().toast('info', `Interrupt sent to ${session?.name ?? 'session'}`)
}

export async function restartSession(id: string): Promise<void> {
  const restarted = await attempt('Could not restart', () =>
    core().invoke('sessions.restart', { id }),
  )
  if (restarted) store().toast('success', `Restarted ${restarted.name}`)
}

export async function deleteSession(id: string, removeWorktree: boolean): Promise<boolean> {
  const ok = await attempt('Could not delete', () =>
    core().invoke('sessions.delete', { id, removeWorktree }),
  )
  return Boolean(ok)
}

export async function renameSession(id: string, name: string): Promise<boolean> {
  const ok = await attempt('Could not rename', () => core().invoke('sessions.rename', { id, name }))
  return Boolean(ok)
}

/** Shows a file or folder in the OS file manager; the app never opens (runs) anything on disk. */
export async function revealInFileManager(path: string): Promise<void> {
  await attempt('Could not show it in the file manager', () =>
    core().invoke('app.openExternal', { target: path }),
  )
}

export async function openLink(url: string): Promise<void> {
  await attempt('Could not open the link', () => core().invoke('app.openExternal', { target: url }))
}

export async function moveSession(id: string, delta: number): Promise<void> {
  const ids = sessionsInOrder().map((s) => s.id)
  const next = moveId(ids, id, delta)
  if (next.join() === ids.join()) return
  await reorderSessions(next)
}

export async function reorderSessions(ids: string[]): Promise<void> {
  // An opened replay file's sessions are not this machine's: their order is the file's.
  if (store().replay?.file) return
  // Show the new order at once; the sessions push confirms it (or restores the old one).
  const byId = new Map(store().sessions.map((s) => [s.id, s]))
  store().setSessions(
    ids.flatMap((id, i) => (byId.has(id) ? [{ ...byId.get(id)!, order: i + 1 }] : [])),
  )
  await attempt('Could not reorder', () => core().invoke('sessions.reorder', { ids }))
}

export async function updateSettings(patch: SettingsPatch): Promise<Settings | undefined> {
  const next = await attempt('Settings not saved', () => core().invoke('settings.update', patch))
  if (next) store().setSettings(next)
  return next
}

const THEME_CYCLE: Settings['theme'][] = ['system', 'light', 'dark']

export function cycleTheme(): void {
  const current = store().settings?.theme ?? 'system'
  const next = THEME_CYCLE[(THEME_CYCLE.indexOf(current) + 1) % THEME_CYCLE.length]
  void updateSettings({ theme: next }).then((s) => s && store().toast('info', `Theme: ${next}`))
}

/**
 * Commands that need a selected session say so instead of doing nothing. A session of an opened
 * replay file is not this machine's (the core knows no such id): the command says the file is
 * read-only rather than sending anything.
 */
export function withSelected(what: string, run: (s: Session) => void): void {
  const s = selectedSession()
  if (!s) {
    store().toast('info', `Select a session first to ${what}`)
    return
  }
  const file = store().replay?.file
  if (file?.sessions.some((f) => f.id === s.id)) {
    store().toast(
      'info',
      `Cannot ${what}: ${s.name} is from the opened replay file ${file.fileName}, which is read-only. Back to live acts on this machine’s sessions.`,
    )
    return
  }
  run(s)
}
