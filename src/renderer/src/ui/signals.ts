/**
 * One-shot UI requests between components that do not own each other ("focus the prompt",
 * "jump the feed to the latest item"), so keyboard actions need no refs into component trees.
 */
export type UiSignal = 'focusPrompt' | 'focusSearch' | 'feedLatest' | 'feedExpandLatest'

type Listener = () => void
const listeners = new Map<UiSignal, Set<Listener>>()

export const uiSignals = {
  emit(signal: UiSignal): void {
    for (const l of listeners.get(signal) ?? []) l()
  },
  on(signal: UiSignal, l: Listener): () => void {
    let set = listeners.get(signal)
    if (!set) listeners.set(signal, (set = new Set()))
    set.add(l)
    return () => set.delete(l)
  },
}
