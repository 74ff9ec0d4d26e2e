/**
 * What spoken commands act on: the item in focus of the attention queue. The queue hands its own
 * AttentionSource to `installVoice` (main.tsx: ui/attention/voice-source.ts); voice only needs
 * `focused` and `perform`.
 */
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
