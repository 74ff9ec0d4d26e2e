/**
 * Native notifications for the core's `notify` stream. Clicking one focuses the window and that
 * session; on macOS a permission request also gets Allow / Deny buttons that answer it directly
 * through `permissions.decide`. Registered as a sink of the core's NotificationCenter, which has
 * already applied settings, focus suppression and rate limits.
 */
import { Notification } from 'electron'
import type { NotificationConstructorOptions } from 'electron'
import { z } from 'zod'
import { streams } from '@shared/contract'

export type NotifyPayload = z.infer<typeof streams.notify>
export type PermissionDecision = 'allow' | 'deny'

export interface NotificationActions {
  focusSession(sessionId: string): void
  decide(requestId: string, decision: PermissionDecision): void
}

/** Button order = action index in the 'action' event. */
export const PERMISSION_BUTTONS: readonly { text: string; decision: PermissionDecision }[] = [
  { text: 'Allow', decision: 'allow' },
  { text: 'Deny', decision: 'deny' },
]

/** Pure: the options for one notification (actions are macOS-only in Electron). */
export function notificationOptions(
  payload: NotifyPayload,
  platform: NodeJS.Platform,
): NotificationConstructorOptions {
  const withActions =
    platform === 'darwin' && payload.kind === 'permission' && payload.requestId !== undefined
  return {
    title: payload.title,
    body: payload.body,
    silent: payload.silent ?? false,
    urgency: payload.kind === 'permission' || payload.kind === 'question' ? 'critical' : 'normal',
    ...(withActions
      ? {
          actions: PERMISSION_BUTTONS.map((b) => ({ type: 'button' as const, text: b.text })),
          closeButtonText: 'Later',
        }
      : {}),
  }
}

export interface Notifier {
  show(data: unknown): void
}

export function createNativeNotifier(
  actions: NotificationActions,
  onInvalid: (reason: string) => void,
): Notifier {
  // Keep a reference until the notification is gone: a garbage-collected Notification loses its
  // click/action handlers (a known Electron pitfall).
  const live = new Set<Notification>()
  return {
    show(data) {
      const parsed = streams.notify.safeParse(data)
      if (!parsed.success) return onInvalid(parsed.error.message)
      const payload = parsed.data
      // Whether to notify at all (settings, focus, rate limits) was decided by the core.
      if (!Notification.isSupported()) return
      const note = new Notification(notificationOptions(payload, process.platform))
      live.add(note)
      const forget = () => live.delete(note)
      note.on('click', () => {
        forget()
        actions.focusSession(payload.sessionId)
      })
      note.on('action', (event) => {
        forget()
        const button = PERMISSION_BUTTONS[event.actionIndex]
        if (button && payload.requestId) actions.decide(payload.requestId, button.decision)
      })
      note.on('close', forget)
      note.on('failed', forget)
      note.show()
    },
  }
}
