/**
 * The single keydown listener. It works out which scope is on top (permission dialog, another
 * dialog, draw mode, the window), finds the one action bound to the combo there, and runs it.
 * Components that handle keys themselves (prompt bar, menus) call preventDefault, and the
 * dispatcher leaves such events alone.
 */
import type { ActionDef, KeyScope } from './actions'
import { actionFor, type Bindings } from './bindings'
import { comboFromEvent, isBareCombo } from './combo'

export interface KeyContext {
  permissionOnTop: boolean
  dialogOpen: boolean
  drawMode: boolean
}

/** Scopes to try, highest priority first. */
export function activeScopes(ctx: KeyContext): KeyScope[] {
  if (ctx.permissionOnTop) return ['main', 'permission']
  if (ctx.dialogOpen) return ['dialog']
  return ctx.drawMode ? ['main', 'draw', 'global'] : ['main', 'global']
}

export function isTextField(el: Element | null): boolean {
  if (!el || !(el instanceof HTMLElement)) return false
  if (el.isContentEditable) return true
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true
  if (el instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(el.type)
  }
  return false
}

export function isInTerminal(el: Element | null): boolean {
  return Boolean(el?.closest?.('.xterm'))
}

/** Picks the action for a keydown, or undefined when the key should keep its normal meaning. */
export function resolveKey(
  e: KeyboardEvent,
  bindings: Bindings,
  ctx: KeyContext,
  target: Element | null,
): ActionDef | undefined {
  if (e.defaultPrevented || e.isComposing || e.repeat) return undefined
  const combo = comboFromEvent(e)
  if (!combo) return undefined
  const inTerminal = isInTerminal(target)
  const inText = !inTerminal && isTextField(target)
  for (const scope of activeScopes(ctx)) {
    const action = actionFor(bindings, scope, combo)
    if (!action) continue
    if (inTerminal && !action.inTerminal) return undefined
    // A bare key typed into a field is text — except Escape, which always means "back out".
    if (inText && isBareCombo(combo) && combo !== 'Escape') return undefined
    return action
  }
  return undefined
}
