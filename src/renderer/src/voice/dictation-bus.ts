/**
 * Dictation results travel to the prompt bar, which owns each session's draft: text to add (or,
 * for an addressed prompt, to replace the draft with), and "send it" once a confirmation passed.
 */
export interface DictationMessage {
  /** The session whose draft this is for (null: whatever the prompt bar shows). */
  sessionId: string | null
  text?: string
  /** Replace the draft instead of appending to it. */
  replace?: boolean
  /** Send the draft now (an addressed prompt whose confirmation window passed). */
  send?: boolean
}

type Listener = (m: DictationMessage) => void
const listeners = new Set<Listener>()

export const dictationBus = {
  emit(m: DictationMessage): void {
    for (const l of listeners) l(m)
  },
  on(l: Listener): () => void {
    listeners.add(l)
    return () => listeners.delete(l)
  },
}
