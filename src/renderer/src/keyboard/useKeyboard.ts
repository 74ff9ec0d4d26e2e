/** Installs the one window keydown listener and exposes the effective bindings to components. */
import { useEffect, useMemo } from 'react'
import { useAppStore } from '../store'
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
    drawMode: s.drawMode,
  }
}

export function useKeyboard(): void {
  const bindings = useBindings()
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const action = resolveKey(e, bindings, currentKeyContext(), document.activeElement)
      if (!action) return
      const handler = scopedHandlers.get(action.scope)?.[action.id] ?? globalHandler(action.id)
      if (!handler) return
      if (handler() === false) return
      e.preventDefault()
      e.stopPropagation()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [bindings])
}
