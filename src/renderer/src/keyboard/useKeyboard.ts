/**
 * Installs the one window keydown listener and exposes the effective bindings to components.
 * The listener is installed before the first render, so it runs ahead of any other window key
 * listener (the scene's among them): the registry decides, and a handled key is marked
 * defaultPrevented so nobody else acts on it too.
 */
import { useEffect, useMemo } from 'react'
import { useAppStore } from '../store'
import { useSceneStore } from '../scene/scene-store'
import type { KeyScope } from './actions'
import { resolveBindings, type Bindings } from './bindings'
import { resolveKey, type KeyContext } from './dispatcher'
import { globalHandler, type Handler } from './handlers'

/** Handlers that live in a component (the permission dialog's Y / A / N), by scope. */
const scopedHandlers = new Map<KeyScope, Record<string, Handler>>()

export function useScopeHandlers(scope: KeyScope, handlers: Record<string, Handler>): void {
  useEffect(() => {
    scopedHandlers.set(scope, handlers)
    return () => {
      if (scopedHandlers.get(scope) === handlers) scopedHandlers.delete(scope)
    }
  }, [scope, handlers])
}

export function useBindings(): Bindings {
  const overrides = useAppStore((s) => s.settings?.keybindings)
  return useMemo(() => resolveBindings(overrides), [overrides])
}

export function currentKeyContext(): KeyContext {
  const s = useAppStore.getState()
  return {
    permissionOnTop: s.pending.length > 0 && !s.permissionDialogHidden,
    dialogOpen: s.dialogs.length > 0,
    drawMode: useSceneStore.getState().draw.enabled,
  }
}

let cached: { overrides: Record<string, string> | undefined; bindings: Bindings } | null = null
function currentBindings(): Bindings {
  const overrides = useAppStore.getState().settings?.keybindings
  if (!cached || cached.overrides !== overrides)
    cached = { overrides, bindings: resolveBindings(overrides) }
  return cached.bindings
}

export function onKeyDown(e: KeyboardEvent): void {
  const action = resolveKey(e, currentBindings(), currentKeyContext(), document.activeElement)
  if (!action) return
  const handler = scopedHandlers.get(action.scope)?.[action.id] ?? globalHandler(action.id)
  if (!handler) return
  if (handler() === false) return
  e.preventDefault()
}

let installed = false

/** Idempotent; main.tsx calls it before rendering so this listener comes first. */
export function installKeyboard(): () => void {
  if (installed) return () => {}
  installed = true
  window.addEventListener('keydown', onKeyDown)
  return () => {
    installed = false
    window.removeEventListener('keydown', onKeyDown)
  }
}

export function useKeyboard(): void {
  useEffect(() => installKeyboard(), [])
}
