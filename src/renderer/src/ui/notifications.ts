/**
 * Browser notifications for headless mode (Electron shows native ones from the core). Permission
 * is asked only from a user gesture, as browsers require.
 */
import type { StreamPayload } from '@shared/contract'
import { useAppStore } from '../store'
import { selectSession } from './commands'

export function notificationsSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    'Notification' in window &&
    useAppStore.getState().runtime === 'headless'
  )
}

/** Call from a click or key handler. */
export function requestNotificationPermission(): void {
  if (!notificationsSupported() || Notification.permission !== 'default') return
  void Notification.requestPermission().catch(() => {})
}

/** Shows one `notify` push, unless the window is already looking at that session. */
export function showNotification(n: StreamPayload<'notify'>): void {
  if (!notificationsSupported() || Notification.permission !== 'granted') return
  const s = useAppStore.getState()
  if (document.hasFocus() && s.selectedSessionId === n.sessionId) return
  const note = new Notification(n.title, {
    body: n.body,
    tag: `atelier:${n.sessionId}:${n.kind}`,
    silent: n.silent ?? false,
  })
  note.onclick = () => {
    window.focus()
    selectSession(n.sessionId)
    note.close()
  }
}
