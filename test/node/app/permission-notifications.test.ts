/**
 * Every permission request gets its notification, however busy the minute: the notification
 * center's per-minute cap (MAX_PER_MINUTE) is anti-spam for informational notifications
 * (finished, failed), but a permission request blocks a session until someone answers it.
 * Through the whole core: hook POSTs → ingest → broker (held) → notification sinks.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PendingRequest } from '@shared/permissions'
import {
  MAX_PER_MINUTE,
  type DesktopNotification,
} from '../../../src/main/core/notify/notification-center'
import { startTestCore, waitFor, type TestCore } from '../../support/core'
import { common } from '../pipeline/payloads'

describe('permission notifications under load', () => {
  let t: TestCore
  const shown: DesktopNotification[] = []

  beforeEach(async () => {
    shown.length = 0
    t = await startTestCore()
    t.core.notifications.addSink({ show: (n) => shown.push(n) })
  })
  afterEach(() => t.close())

  it('notifies every permission request, also past the per-minute cap', async () => {
    const count = MAX_PER_MINUTE + 5
    const sessionId = randomUUID()
    const held = Array.from({ length: count }, (_, i) =>
      t.hook(
        common(sessionId, 'PermissionRequest', {
          tool_name: 'Bash',
          tool_input: { command: `echo request-${i}` },
        }),
      ),
    )
    await waitFor(() => shown.filter((n) => n.kind === 'permission').length === count).catch(() => {
      throw new Error(`${shown.length} of ${count} permission requests were notified`)
    })
    expect(new Set(shown.map((n) => n.body)).size).toBe(count)
    const { requests } = await t.api<{ requests: PendingRequest[] }>('permissions.list')
    expect(requests).toHaveLength(count)
    for (const r of requests) await t.api('permissions.decide', { id: r.id, decision: 'deny' })
    const answers = await Promise.all(held)
    expect(answers.every((r) => r.status === 200)).toBe(true)
  })

  it('still caps informational notifications at MAX_PER_MINUTE', async () => {
    const count = MAX_PER_MINUTE + 5
    for (let i = 0; i < count; i++) {
      const res = await t.hook(
        common(randomUUID(), 'Stop', { stop_hook_active: false, last_assistant_message: 'Done.' }),
      )
      expect(res.status).toBe(200)
    }
    // Notifications are dispatched synchronously with ingest, before each hook POST is answered.
    expect(shown.filter((n) => n.kind === 'finished')).toHaveLength(MAX_PER_MINUTE)
  })
})
