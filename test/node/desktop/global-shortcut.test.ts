/** The system-wide attention shortcut: combo → accelerator, and registration as the setting changes. */
import { describe, expect, it } from 'vitest'
import { GlobalShortcutSchema, DEFAULT_SETTINGS } from '@shared/settings'
import {
  acceleratorFromCombo,
  createGlobalShortcut,
  globalShortcutProblem,
  type ShortcutRegistry,
} from '../../../src/main/shell/desktop/global-shortcut'

/** A registry like the OS's: one holder per accelerator; some are held by other applications. */
function fakeRegistry(heldElsewhere: string[] = []) {
  const held = new Map<string, () => void>()
  const registry: ShortcutRegistry & { held: Map<string, () => void> } = {
    held,
    register(accelerator, callback) {
      if (accelerator.includes('Bogus')) throw new Error('conversion failure')
      if (heldElsewhere.includes(accelerator) || held.has(accelerator)) return false
      held.set(accelerator, callback)
      return true
    },
    unregister(accelerator) {
      held.delete(accelerator)
    },
  }
  return registry
}

describe('acceleratorFromCombo', () => {
  it('names modifiers and keys the way Electron does', () => {
    expect(acceleratorFromCombo('Ctrl+Alt+Shift+A', 'linux')).toBe('Control+Alt+Shift+A')
    expect(acceleratorFromCombo('Meta+Shift+1', 'darwin')).toBe('Command+Shift+1')
    expect(acceleratorFromCombo('Meta+Shift+1', 'linux')).toBe('Super+Shift+1')
    expect(acceleratorFromCombo('Ctrl+ArrowUp', 'win32')).toBe('Control+Up')
    expect(acceleratorFromCombo('Alt+Enter', 'linux')).toBe('Alt+Return')
    expect(acceleratorFromCombo('Ctrl+F12', 'linux')).toBe('Control+F12')
    expect(acceleratorFromCombo('Ctrl+Plus', 'linux')).toBe('Control+Plus')
    expect(acceleratorFromCombo('Alt+/', 'linux')).toBe('Alt+/')
  })

  it('refuses what Electron has no name for, and a key without a modifier', () => {
    expect(acceleratorFromCombo('Ctrl+ContextMenu', 'linux')).toBeNull()
    expect(acceleratorFromCombo('Ctrl+é', 'linux')).toBeNull()
    expect(acceleratorFromCombo('A', 'linux')).toBeNull()
    expect(acceleratorFromCombo('Hyper+A', 'linux')).toBeNull()
  })
})

describe('the setting', () => {
  it('accepts none, or modifiers with Ctrl, Alt or Meta then one key', () => {
    expect(GlobalShortcutSchema.safeParse(DEFAULT_SETTINGS.attentionShortcut).success).toBe(true)
    expect(GlobalShortcutSchema.safeParse('').success).toBe(true)
    expect(GlobalShortcutSchema.safeParse('Meta+K').success).toBe(true)
    expect(GlobalShortcutSchema.safeParse('Shift+A').success).toBe(false)
    expect(GlobalShortcutSchema.safeParse('A').success).toBe(false)
    expect(GlobalShortcutSchema.safeParse('Ctrl+').success).toBe(false)
    expect(GlobalShortcutSchema.safeParse('Ctrl+A B').success).toBe(false)
  })
})

describe('createGlobalShortcut', () => {
  it('registers the combo, calls back on a press, and moves when the setting changes', () => {
    const registry = fakeRegistry()
    let presses = 0
    const shortcut = createGlobalShortcut({ registry, platform: 'linux', onPress: () => presses++ })
    expect(shortcut.apply('Ctrl+Alt+Shift+A')).toEqual({
      kind: 'registered',
      combo: 'Ctrl+Alt+Shift+A',
      accelerator: 'Control+Alt+Shift+A',
    })
    registry.held.get('Control+Alt+Shift+A')!()
    expect(presses).toBe(1)

    // The same setting again changes nothing (settings change for other reasons too).
    const same = shortcut.state()
    expect(shortcut.apply('Ctrl+Alt+Shift+A')).toBe(same)

    shortcut.apply('Meta+J')
    expect([...registry.held.keys()]).toEqual(['Super+J'])
    shortcut.apply('')
    expect(shortcut.state()).toEqual({ kind: 'off' })
    expect(registry.held.size).toBe(0)
    expect(globalShortcutProblem(shortcut.state())).toBeNull()
  })

  it('a combo another application holds, or one Electron cannot take, is reported, not thrown', () => {
    const registry = fakeRegistry(['Control+Alt+K'])
    const shortcut = createGlobalShortcut({ registry, platform: 'linux', onPress: () => {} })
    expect(shortcut.apply('Ctrl+Alt+K')).toEqual({
      kind: 'unavailable',
      combo: 'Ctrl+Alt+K',
      reason: 'taken',
    })
    expect(globalShortcutProblem(shortcut.state())).toMatch(
      /Ctrl\+Alt\+K .*held by another application.*Settings → Keyboard/,
    )
    expect(shortcut.apply('Ctrl+ContextMenu')).toMatchObject({ reason: 'unsupported' })
    // Electron throws on an accelerator it cannot parse.
    expect(shortcut.apply('Ctrl+Bogus')).toMatchObject({ reason: 'unsupported' })
    expect(globalShortcutProblem(shortcut.state())).toMatch(/cannot be used system-wide/)
    // A free one afterwards registers, and dispose lets it go.
    expect(shortcut.apply('Ctrl+Alt+L').kind).toBe('registered')
    shortcut.dispose()
    expect(registry.held.size).toBe(0)
  })
})
