/**
 * What spoken commands act on: the item in focus of the attention queue. Until the fleet's queue
 * exists, the queue is the pending permission requests and questions, oldest first, and the item
 * in focus is the one the permission dialog shows. A fuller queue plugs in by handing its own
 * AttentionSource to `installVoice` (main.tsx); voice only needs `focused` and `perform`.
 */
import type { Decision } from '@shared/permissions'
import { core } from '../transport'
import { useAppStore } from '../store'
import { attempt } from '../ui/commands'
import { toolLabel } from '../ui/feed/tool-info'
import type { VoiceCommand } from './interpret'

export interface AttentionItem {
  id: string
  sessionId: string
  /** How the item is named in the confirmation ("Bash in builder"). */
  label: string
  /** The commands that mean something for this item. */
  commands: readonly VoiceCommand[]
}

export interface AttentionSource {
  focused(): AttentionItem | null
  /** Carries the command out; false when it could not be (the user was told why). */
  perform(item: AttentionItem, command: VoiceCommand): Promise<boolean>
}

const store = useAppStore.getState

function pendingQueue() {
  return [...store().pending].sort((a, b) => a.createdAt - b.createdAt)
}

const DECISIONS: Partial<Record<VoiceCommand, Decision>> = {
  allow: 'allow',
  always: 'always',
  deny: 'deny',
}

/** The pending requests as a queue: the dialog's current one is in focus. */
export const pendingRequestsSource: AttentionSource = {
  focused() {
    const queue = pendingQueue()
    if (queue.length === 0) return null
    const req = queue.find((r) => r.id === store().focusedRequestId) ?? queue[0]
    const session = store().sessions.find((s) => s.id === req.sessionId)
    const who = session?.name ?? 'a session'
    const commands: VoiceCommand[] =
      req.kind === 'question'
        ? ['deny', 'next', 'skip']
        : [
            'allow',
            'deny',
            ...((req.suggestions?.length ?? 0) > 0 ? (['always'] as const) : []),
            'next',
            'skip',
          ]
    return {
      id: req.id,
      sessionId: req.sessionId,
      label:
        req.kind === 'question'
          ? `the question from ${who}`
          : `${toolLabel(req.toolName)} in ${who}`,
      commands,
    }
  },
  async perform(item, command) {
    const decision = DECISIONS[command]
    if (decision) {
      // The same channel the dialog's buttons use: the decision is stored like any other.
      const ok = await attempt('Answer not delivered', () =>
        core().invoke('permissions.decide', { id: item.id, decision }),
      )
      return Boolean(ok)
    }
    const queue = pendingQueue()
    if (command === 'next') {
      const at = queue.findIndex((r) => r.id === item.id)
      const next = queue[(at + 1) % queue.length]
      store().setFocusedRequestId(next?.id ?? null)
      store().setPermissionDialogHidden(false)
      return true
    }
    // skip: leave it to the terminal's own prompt for now, like the dialog's "Later".
    store().setPermissionDialogHidden(true)
    return true
  },
}
