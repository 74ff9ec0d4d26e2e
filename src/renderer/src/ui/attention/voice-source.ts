/**
 * Spoken commands act on the attention queue (voice/attention.ts defines what they need): the item
 * in focus is the one the jump key went to last, else the queue's head. "allow", "always" and
 * "deny" answer a request; "next" jumps on; "skip" leaves a request to its terminal, or hands a
 * failed or finished turn off as seen.
 */
import type { AttentionItem as QueueItem } from '@shared/attention'
import type { Decision } from '@shared/permissions'
import { core } from '../../transport'
import { useAppStore } from '../../store'
import { attempt } from '../commands'
import { toolLabel } from '../feed/tool-info'
import type { AttentionSource } from '../../voice/attention'
import type { VoiceCommand } from '../../voice/interpret'
import { focusedItem, jumpPast, markSeen } from './attention-actions'

const store = useAppStore.getState

const DECISIONS: Partial<Record<VoiceCommand, Decision>> = {
  allow: 'allow',
  always: 'always',
  deny: 'deny',
}

function commandsFor(item: QueueItem): VoiceCommand[] {
  if (item.kind === 'permission') {
    const req = store().pending.find((r) => r.id === item.requestId)
    return [
      'allow',
      'deny',
      ...((req?.suggestions?.length ?? 0) > 0 ? (['always'] as const) : []),
      'next',
      'skip',
    ]
  }
  if (item.kind === 'question') return ['deny', 'next', 'skip']
  return ['next', 'skip']
}

function labelOf(item: QueueItem): string {
  const who = store().sessions.find((s) => s.id === item.sessionId)?.name ?? 'a session'
  if (item.kind === 'permission') {
    const req = store().pending.find((r) => r.id === item.requestId)
    return `${toolLabel(req?.toolName ?? 'the request')} in ${who}`
  }
  if (item.kind === 'question') return `the question from ${who}`
  return `${who}: ${item.title.toLowerCase()}`
}

export const attentionQueueSource: AttentionSource = {
  focused() {
    const item = focusedItem(store().attention)
    if (!item) return null
    // A request keeps its own id: the permission dialog shows the spoken command beside it.
    return {
      id: item.requestId ?? item.id,
      sessionId: item.sessionId,
      label: labelOf(item),
      commands: commandsFor(item),
    }
  },
  async perform(focused, command) {
    const item = store().attention.find((i) => (i.requestId ?? i.id) === focused.id)
    if (!item) {
      store().toast('info', `${focused.label} was already handled`)
      return false
    }
    const decision = DECISIONS[command]
    if (decision && item.requestId) {
      // The same channel the dialog's buttons use: the decision is stored like any other.
      const ok = await attempt('Answer not delivered', () =>
        core().invoke('permissions.decide', { id: item.requestId!, decision }),
      )
      return Boolean(ok)
    }
    if (command === 'next') {
      jumpPast(item.id)
      return true
    }
    if (item.requestId) store().setPermissionDialogHidden(true)
    else markSeen(item.sessionId)
    return true
  },
}
