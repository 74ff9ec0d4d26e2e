/**
 * The push-to-talk key is held, not pressed: the registry starts a capture on its keydown, and
 * the capture ends when any key of the combo comes up (the letter or one of its modifiers).
 */
import { useAppStore } from '../store'
import { resolveBindings } from '../keyboard/bindings'
import { comboFromEvent } from '../keyboard/combo'

export const TALK_ACTION = 'voice.talk'

const MODIFIER_NAMES: Record<string, string> = {
  Control: 'Ctrl',
  Alt: 'Alt',
  Shift: 'Shift',
  Meta: 'Meta',
}

function talkCombos(): string[] {
  return resolveBindings(useAppStore.getState().settings?.keybindings)[TALK_ACTION] ?? []
}

export function isTalkPress(e: KeyboardEvent): boolean {
  const combo = comboFromEvent(e)
  return combo !== null && talkCombos().includes(combo)
}

export function isTalkRelease(e: KeyboardEvent): boolean {
  const modifier = MODIFIER_NAMES[e.key]
  const bare = comboFromEvent({
    key: e.key,
    code: e.code,
    ctrlKey: false,
    altKey: false,
    shiftKey: false,
    metaKey: false,
  })
  return talkCombos().some((combo) => {
    const parts = combo.split(/\+(?!$)/)
    return modifier ? parts.includes(modifier) : parts[parts.length - 1] === bare
  })
}
