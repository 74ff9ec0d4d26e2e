/**
 * Key combos as strings: modifiers in a fixed order, then one key ("Ctrl+Shift+K", "Alt+1", "?",
 * "Escape"). A single normal form lets the registry compare bindings with `===` and detect
 * conflicts, and lets settings store them as plain text.
 */

const MODIFIER_ORDER = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const
type Modifier = (typeof MODIFIER_ORDER)[number]

/** Names accepted in typed bindings, mapped to the normal form. */
const KEY_ALIASES: Record<string, string> = {
  esc: 'Escape',
  escape: 'Escape',
  space: 'Space',
  ' ': 'Space',
  plus: 'Plus',
  '+': 'Plus',
  del: 'Delete',
  delete: 'Delete',
  backspace: 'Backspace',
  enter: 'Enter',
  return: 'Enter',
  tab: 'Tab',
  up: 'ArrowUp',
  down: 'ArrowDown',
  left: 'ArrowLeft',
  right: 'ArrowRight',
  home: 'Home',
  end: 'End',
  pageup: 'PageUp',
  pagedown: 'PageDown',
  contextmenu: 'ContextMenu',
}

export function isMac(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)
  )
}

function normalizeKey(raw: string): string | null {
  if (!raw) return null
  const alias = KEY_ALIASES[raw.toLowerCase()]
  if (alias) return alias
  if (raw.length === 1) return raw.toUpperCase()
  if (/^F([1-9]|1[0-2])$/i.test(raw)) return raw.toUpperCase()
  if (/^Arrow(Up|Down|Left|Right)$/.test(raw)) return raw
  return raw[0].toUpperCase() + raw.slice(1)
}

/** Parses "mod+shift+k" style text into the normal form; `Mod` is Meta on macOS, Ctrl elsewhere. */
export function normalizeCombo(text: string, mac = isMac()): string | null {
  const trimmed = text.trim()
  if (!trimmed) return null
  // A lone "+" is the Plus key, not a separator.
  const parts = trimmed === '+' ? ['+'] : trimmed.split('+').map((p) => p.trim())
  if (parts.some((p) => p === '')) {
    // "Ctrl++" → modifiers then the Plus key.
    if (trimmed.endsWith('++')) parts.splice(parts.length - 2, 2, '+')
    else return null
  }
  const mods = new Set<Modifier>()
  for (const p of parts.slice(0, -1)) {
    const m = p.toLowerCase()
    if (m === 'ctrl' || m === 'control') mods.add('Ctrl')
    else if (m === 'alt' || m === 'option') mods.add('Alt')
    else if (m === 'shift') mods.add('Shift')
    else if (m === 'meta' || m === 'cmd' || m === 'command' || m === 'super') mods.add('Meta')
    else if (m === 'mod') mods.add(mac ? 'Meta' : 'Ctrl')
    else return null
  }
  const key = normalizeKey(parts[parts.length - 1])
  if (!key) return null
  return [...MODIFIER_ORDER.filter((m) => mods.has(m)), key].join('+')
}

/** The combo a keydown produced, or null for a lone modifier press. */
export function comboFromEvent(
  e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>,
): string | null {
  if (['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'CapsLock', 'Dead'].includes(e.key))
    return null
  let key: string
  // Letters and digits come from the physical key, so Alt+1 on macOS (which types "¡") still
  // reads as Alt+1.
  const letter = /^Key([A-Z])$/.exec(e.code)
  const digit = /^Digit([0-9])$/.exec(e.code)
  let shiftIsPartOfKey = false
  if (letter) key = letter[1]
  else if (digit && !e.shiftKey) key = digit[1]
  else if (e.key === ' ') key = 'Space'
  else if (e.key === '+') key = 'Plus'
  else if (e.key.length === 1) {
    key = e.key.toUpperCase()
    // "?" already says Shift was held; keeping Shift would make "?" and "Shift+?" differ by layout.
    shiftIsPartOfKey = true
  } else key = normalizeKey(e.key) ?? e.key
  const mods: string[] = []
  if (e.ctrlKey) mods.push('Ctrl')
  if (e.altKey) mods.push('Alt')
  if (e.shiftKey && !shiftIsPartOfKey) mods.push('Shift')
  if (e.metaKey) mods.push('Meta')
  return [...mods, key].join('+')
}

/** True when the combo has no Ctrl, Alt or Meta: such keys are text while typing in a field. */
export function isBareCombo(combo: string): boolean {
  return !/(^|\+)(Ctrl|Alt|Meta)\+/.test(combo)
}

const DISPLAY: Record<string, string> = {
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  Escape: 'Esc',
  Backspace: '⌫',
  Delete: 'Del',
  Plus: '+',
}

/** Keycap labels for display: ["Ctrl", "K"], with ⌘ ⌥ ⇧ on macOS. */
export function comboKeycaps(combo: string, mac = isMac()): string[] {
  return combo.split(/\+(?!$)/).map((part) => {
    if (mac) {
      if (part === 'Meta') return '⌘'
      if (part === 'Alt') return '⌥'
      if (part === 'Shift') return '⇧'
      if (part === 'Ctrl') return '⌃'
    }
    return DISPLAY[part] ?? part
  })
}

export function formatCombo(combo: string, mac = isMac()): string {
  return comboKeycaps(combo, mac).join(mac ? '' : '+')
}
