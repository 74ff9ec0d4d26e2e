/**
 * A component loaded with its own chunk the first time it renders (the scene, the terminal, the
 * dialogs): the window's first paint does not wait for code it does not show yet.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react'

export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: await load() }))
}
