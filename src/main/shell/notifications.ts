/**
 * Native notifications for the core's `notify` stream. Clicking one focuses the window and that
 * session. On macOS a permission request also gets buttons: Allow / Deny when its text shows all
 * that allowing would approve (a short command, a file to read), otherwise Review… (which opens
 * the dialog with the whole request) / Deny — a command cut to fit, or an Edit that shows only
 * its path, is never approved from a notification. Registered as a sink of the core's
 * NotificationCenter, which has already applied settings, focus suppression and rate limits.
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

export interface NotificationButton {
  text: string
  action: PermissionDecision | 'review'
}

const ALLOW_DENY: readonly NotificationButton[] = [
  { text: 'Allow', action: 'allow' },
  { text: 'Deny', action: 'deny' },
]
const REVIEW_DENY: readonly NotificationButton[] = [
  { text: 'Review…', action: 'review' },
  { text: 'Deny', action: 'deny' },
]

/** A permission request's buttons; their order is the action index of the 'action' event. */
export function notificationButtons(payload: NotifyPayload): readonly NotificationButton[] {
  if (payload.kind !== 'permission' || payload.requestId === undefined) return []
  return payload.allowFromNotification === true ? ALLOW_DENY : REVIEW_DENY
}

/** Pure: the options for one notification (actions are macOS-only in Electron). */
export function notificationOptions(
  payload: NotifyPayload,
  platform: NodeJS.Platform,
): NotificationConstructorOptions {
  const buttons = platform === 'darwin' ? notificationButtons(payload) : []
  const withActions = buttons.length > 0
  return {
    title: payload.title,
    body: payload.body,
    silent: payload.silent ?? false,
    urgency: payload.kind === 'permission' || payload.kind === 'question' ? 'critical' : 'normal',
    ...(withActions
      ? {
          actions: buttons.map((b) => ({ type: 'button' as const, text: b.text })),
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
        const button = notificationButtons(payload)[event.actionIndex]
        if (!button || !payload.requestId) return
        if (button.action === 'review') actions.focusSession(payload.sessionId)
        else actions.decide(payload.requestId, button.action)
      })
      note.on('close', forget)
      note.on('failed', forget)
      note.show()
    },
  }
}
