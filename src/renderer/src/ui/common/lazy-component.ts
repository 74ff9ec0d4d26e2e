/**
 * A component loaded with its own chunk the first time it renders (the scene, the terminal, the
 * dialogs, the Markdown parser): the window's first paint does not wait for code it does not show
 * yet, nor for the time it takes to run it.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react'

let painted: Promise<void> | null = null

/** Resolves once the window has painted a frame (after the one being prepared now). */
export function afterFirstPaint(): Promise<void> {
  painted ??= new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
  return painted
}

export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => {
    await afterFirstPaint()
    return { default: await load() }
  })
}
