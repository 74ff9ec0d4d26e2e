import { describe, expect, it } from 'vitest'
import shortcutsDoc from '../../../docs/keyboard-shortcuts.md?raw'
import { ACTIONS } from '../../../src/renderer/src/keyboard/actions'
import {
  findConflicts,
  parseBindingText,
  resolveBindings,
  shadowedInDrawMode,
} from '../../../src/renderer/src/keyboard/bindings'
import { comboFromEvent, normalizeCombo } from '../../../src/renderer/src/keyboard/combo'
import { activeScopes, resolveKey } from '../../../src/renderer/src/keyboard/dispatcher'
import { shortcutsMarkdown } from '../support/shortcuts-doc'
import { bindingConflict } from '../../../src/renderer/src/ui/dialogs/KeybindingEditor'
import { globalHandler } from '../../../src/renderer/src/keyboard/handlers'
import { currentKeyContext, onKeyDown } from '../../../src/renderer/src/keyboard/useKeyboard'
import { useSceneStore } from '../../../src/renderer/src/scene/scene-store'

const key = (k: string, code: string, mods: Partial<KeyboardEvent> = {}) =>
  ({
    key: k,
    code,
    ctrlKey: false,
    altKey: false,
    shiftKey: false,
    metaKey: false,
    defaultPrevented: false,
    isComposing: false,
    repeat: false,
    ...mods,
  }) as KeyboardEvent

describe('keybinding registry', () => {
  it('has no conflicts in the defaults', () => {
    expect(findConflicts(resolveBindings({}))).toEqual([])
  })

  it('detects a rebinding that makes one key do two things', () => {
    const bindings = resolveBindings({ 'dialog.about': 'N' })
    const conflicts = findConflicts(bindings)
    expect(conflicts).toEqual([
      { combo: 'N', scope: 'global', actionIds: ['session.new', 'dialog.about'] },
    ])
    expect(bindingConflict({}, 'dialog.about', ['Alt+N'])).toMatch(/New session/)
    expect(bindingConflict({}, 'dialog.about', ['Alt+Shift+N'])).toBeNull()
  })

  it('lets draw mode shadow global keys only while it is on', () => {
    const b = resolveBindings({})
    expect(shadowedInDrawMode(b).get('session.select.1')).toEqual(['1'])
    const one = key('1', 'Digit1')
    const body = document.body
    expect(
      resolveKey(one, b, { permissionOnTop: false, dialogOpen: false, drawMode: false }, body)?.id,
    ).toBe('session.select.1')
    expect(
      resolveKey(one, b, { permissionOnTop: false, dialogOpen: false, drawMode: true }, body)?.id,
    ).toBe('draw.color.1')
    // Escape leaves draw mode rather than doing anything global.
    expect(
      resolveKey(
        key('Escape', 'Escape'),
        b,
        { permissionOnTop: false, dialogOpen: false, drawMode: true },
        body,
      )?.id,
    ).toBe('draw.exit')
  })

  it('Escape closes the top-most layer first: permission, then dialog, then draw mode', () => {
    expect(activeScopes({ permissionOnTop: true, dialogOpen: true, drawMode: true })).toEqual([
      'main',
      'permission',
    ])
    expect(activeScopes({ permissionOnTop: false, dialogOpen: true, drawMode: true })).toEqual([
      'dialog',
    ])
    const b = resolveBindings({})
    expect(
      resolveKey(
        key('Escape', 'Escape'),
        b,
        { permissionOnTop: false, dialogOpen: true, drawMode: true },
        document.body,
      )?.id,
    ).toBe('dialog.close')
  })

  it("draw mode is one state, the scene store's: D enters it, its keys apply, Escape leaves", () => {
    const press = (k: string, code: string) => {
      const e = { ...key(k, code), preventDefault: () => {} } as KeyboardEvent
      onKeyDown(e)
    }
    useSceneStore.setState({ draw: { enabled: false, color: 0, brush: 1, stack: true } })
    expect(currentKeyContext().drawMode).toBe(false)
    press('d', 'KeyD')
    expect(useSceneStore.getState().draw.enabled).toBe(true)
    expect(currentKeyContext().drawMode).toBe(true)
    press('e', 'KeyE')
    expect(useSceneStore.getState().draw.brush).toBe(2)
    press('Escape', 'Escape')
    expect(useSceneStore.getState().draw.enabled).toBe(false)
    expect(currentKeyContext().drawMode).toBe(false)
  })

  it('ignores bare keys typed into a field, but not modified ones', () => {
    const input = document.createElement('input')
    document.body.append(input)
    const b = resolveBindings({})
    const ctx = { permissionOnTop: false, dialogOpen: false, drawMode: false }
    expect(resolveKey(key('n', 'KeyN'), b, ctx, input)).toBeUndefined()
    expect(resolveKey(key('n', 'KeyN', { altKey: true }), b, ctx, input)?.id).toBe('session.new')
    input.remove()
  })

  it('normalises combos from text and from key events the same way', () => {
    expect(normalizeCombo('alt+shift+k', false)).toBe('Alt+Shift+K')
    expect(normalizeCombo('Mod+,', true)).toBe('Meta+,')
    expect(comboFromEvent(key('?', 'Slash', { shiftKey: true }))).toBe('?')
    expect(comboFromEvent(key('¡', 'Digit1', { altKey: true }))).toBe('Alt+1')
    expect(parseBindingText('Alt+1 1')).toEqual(['Alt+1', '1'])
    expect(parseBindingText('Bogus+Q')).toBeNull()
  })

  it('every action has a handler or is handled by its dialog', () => {
    const componentScoped = ACTIONS.filter((a) => a.scope === 'permission').map((a) => a.id)
    for (const a of ACTIONS)
      if (!componentScoped.includes(a.id)) expect(globalHandler(a.id), a.id).toBeTypeOf('function')
  })

  it('push-to-talk works over the permission dialog, in draw mode and in text fields, not in dialogs', () => {
    const b = resolveBindings({})
    const talk = key('m', 'KeyM', { ctrlKey: true })
    const input = document.createElement('textarea')
    document.body.append(input)
    const at = (ctx: Partial<Parameters<typeof resolveKey>[2]>, el: Element = document.body) =>
      resolveKey(
        talk,
        b,
        { permissionOnTop: false, dialogOpen: false, drawMode: false, ...ctx },
        el,
      )?.id
    expect(at({})).toBe('voice.talk')
    expect(at({}, input)).toBe('voice.talk')
    expect(at({ permissionOnTop: true })).toBe('voice.talk')
    expect(at({ drawMode: true })).toBe('voice.talk')
    expect(at({ dialogOpen: true })).toBeUndefined()
    input.remove()
    // A talk key that would shadow a key of the permission dialog or the window is a conflict.
    const clash = findConflicts(resolveBindings({ 'voice.talk': 'Y' }))
    expect(clash).toContainEqual({
      combo: 'Y',
      scope: 'permission',
      actionIds: ['permission.allow', 'voice.talk'],
    })
    expect(findConflicts(resolveBindings({ 'voice.talk': 'Alt+A' }))).toContainEqual({
      combo: 'Alt+A',
      scope: 'global',
      actionIds: ['session.nextAttention', 'voice.talk'],
    })
  })

  it('the documented shortcuts are generated from the registry', () => {
    expect(shortcutsDoc).toBe(shortcutsMarkdown())
  })
})
