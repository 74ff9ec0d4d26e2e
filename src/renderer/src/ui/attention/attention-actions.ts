/**
 * Going to what needs the user: the jump key takes the next item of the attention queue and
 * brings it up — the session selected, and its permission dialog, its terminal (a screen waits
 * there) or the feed at the turn's end. Looking at a failed or finished turn hands it off.
 */
import { ATTENTION_GROUP, type AttentionItem } from '@shared/attention'
import { core } from '../../transport'
import { useAppStore } from '../../store'
import { attempt, selectSession } from '../commands'

const store = useAppStore.getState

/** Failed and finished items leave the queue once looked at (asks leave once answered). */
export function markSeen(sessionId: string): void {
  const looked = store().attention.some(
    (i) => i.sessionId === sessionId && ATTENTION_GROUP[i.kind] !== 'needs-you',
  )
  if (!looked) return
  void attempt('Could not mark as seen', () => core().invoke('attention.seen', { sessionId }))
}

export function jumpTo(item: AttentionItem): void {
  store().setAttentionFocus(item.id)
  selectSession(item.sessionId)
  if (item.requestId) {
    store().setFocusedRequestId(item.requestId)
    store().setPermissionDialogHidden(false)
  } else if (item.kind === 'screen') {
    store().setTerminalOpen(true)
  } else if (item.eventId) {
    store().focusEvent(item.eventId)
  }
}

/** The item in focus: the one jumped to last while it is queued, else the queue's head. */
export function focusedItem(items: readonly AttentionItem[]): AttentionItem | null {
  const focus = store().attentionFocusId
  return items.find((i) => i.id === focus) ?? items[0] ?? null
}

/** The item after the one jumped to last (the first when that one left the queue). */
export function nextItem(items: readonly AttentionItem[]): AttentionItem | null {
  if (items.length === 0) return null
  const focus = store().attentionFocusId
  const at = focus ? items.findIndex((i) => i.id === focus) : -1
  return items[(at + 1) % items.length]
}

/** The jump key: the next item (the queue's head the first time). */
export function jumpNext(): void {
  const item = nextItem(store().attention)
  if (!item) {
    store().toast('info', 'Nothing needs you right now')
    return
  }
  jumpTo(item)
}

/** Past the item in focus (spoken "next": the head counts as in focus). */
export function jumpPast(current: string): void {
  const items = store().attention
  const at = items.findIndex((i) => i.id === current)
  const item = items[(at + 1) % Math.max(1, items.length)]
  if (item) jumpTo(item)
}
