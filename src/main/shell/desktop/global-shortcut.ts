/**
 * The system-wide shortcut to the attention queue (Settings → Keyboard): the window's key-combo
 * form converted to an Electron accelerator, and kept registered with the OS as the setting
 * changes. Pure apart from the injected registry (Electron's globalShortcut in the app), so it is
 * tested under Node.
 */

/** The part of Electron's globalShortcut this needs. */
export interface ShortcutRegistry {
  /** False when the OS or another application already holds the accelerator. */
  register(accelerator: string, callback: () => void): boolean
  unregister(accelerator: string): void
}

/** Keys whose name differs between the window's combos and Electron's accelerators. */
const KEY_NAMES: Readonly<Record<string, string>> = {
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Enter: 'Return',
}
/** Named keys Electron takes as they are written in a combo. */
const SAME_NAMES: ReadonlySet<string> = new Set([
  'Plus',
  'Space',
  'Tab',
  'Backspace',
  'Delete',
  'Insert',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
])
/** Single characters Electron accepts as a key code (letters and digits besides). */
const PUNCTUATION = new Set(')!@#$%^&*(:;=<,_->.?/~`{][|\\}"')

function acceleratorKey(key: string): string | null {
  if (/^[A-Z0-9]$/.test(key) || (key.length === 1 && PUNCTUATION.has(key))) return key
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(key)) return key
  return KEY_NAMES[key] ?? (SAME_NAMES.has(key) ? key : null)
}

/**
 * "Ctrl+Alt+Shift+A" → "Control+Alt+Shift+A"; Meta is Command on macOS and Super elsewhere.
 * Null for what Electron has no name for (the shortcut is then not registered).
 */
export function acceleratorFromCombo(combo: string, platform: NodeJS.Platform): string | null {
  const parts = combo.split('+')
  const key = acceleratorKey(parts.pop() ?? '')
  if (!key || parts.length === 0) return null
  const mods: string[] = []
  for (const m of parts) {
    if (m === 'Ctrl') mods.push('Control')
    else if (m === 'Alt' || m === 'Shift') mods.push(m)
    else if (m === 'Meta') mods.push(platform === 'darwin' ? 'Command' : 'Super')
    else return null
  }
  return [...mods, key].join('+')
}

/** What became of the setting: registered, off, or why it could not be. */
export type GlobalShortcutState =
  | { kind: 'off' }
  | { kind: 'registered'; combo: string; accelerator: string }
  | { kind: 'unavailable'; combo: string; reason: 'taken' | 'unsupported' }

export interface GlobalShortcut {
  /** Registers `combo` ('' for none) in place of the previous one; same combo: nothing changes. */
  apply(combo: string): GlobalShortcutState
  state(): GlobalShortcutState
  dispose(): void
}

export function createGlobalShortcut(deps: {
  registry: ShortcutRegistry
  platform: NodeJS.Platform
  onPress: () => void
}): GlobalShortcut {
  let state: GlobalShortcutState = { kind: 'off' }
  const release = (): void => {
    if (state.kind === 'registered') deps.registry.unregister(state.accelerator)
    state = { kind: 'off' }
  }
  const register = (combo: string): GlobalShortcutState => {
    const accelerator = acceleratorFromCombo(combo, deps.platform)
    if (!accelerator) return { kind: 'unavailable', combo, reason: 'unsupported' }
    let ok: boolean
    try {
      ok = deps.registry.register(accelerator, deps.onPress)
    } catch {
      // Electron throws on an accelerator it cannot parse rather than answering false.
      return { kind: 'unavailable', combo, reason: 'unsupported' }
    }
    return ok
      ? { kind: 'registered', combo, accelerator }
      : { kind: 'unavailable', combo, reason: 'taken' }
  }
  return {
    apply(combo) {
      const current = state.kind === 'off' ? '' : state.combo
      if (combo === current) return state
      release()
      if (combo !== '') state = register(combo)
      return state
    },
    state: () => state,
    dispose: release,
  }
}

/** The user-facing sentence for a shortcut that could not be registered, else null. */
export function globalShortcutProblem(state: GlobalShortcutState): string | null {
  if (state.kind !== 'unavailable') return null
  return state.reason === 'taken'
    ? `The shortcut ${state.combo} (next in the attention queue) is held by another application. Choose another in Settings → Keyboard.`
    : `The shortcut ${state.combo} cannot be used system-wide. Choose another in Settings → Keyboard.`
}
