/**
 * A component loaded with its own chunk the first time it renders (the scene, the terminal, the
 * dialogs, the Markdown parser): the window's first paint does not wait for code it does not show
 * yet, nor for the time it takes to run it.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react'

/** A window that reports no paint (hidden, or no paint timing) loads its chunks after this. */
const FIRST_PAINT_WAIT_LIMIT_MS = 1_000

let painted: Promise<void> | null = null

/**
 * Resolves once the window has shown its first content (the browser's first-contentful-paint
 * entry): running a large chunk earlier would hold that paint up on a busy machine.
 */
export function afterFirstPaint(): Promise<void> {
  painted ??= new Promise((resolve) => {
    const timer = setTimeout(resolve, FIRST_PAINT_WAIT_LIMIT_MS)
    const done = () => {
      clearTimeout(timer)
      resolve()
    }
    if (!PerformanceObserver.supportedEntryTypes?.includes('paint')) {
      requestAnimationFrame(() => setTimeout(done, 0))
      return
    }
    const observer = new PerformanceObserver((list) => {
      if (!list.getEntriesByName('first-contentful-paint').length) return
      observer.disconnect()
      done()
    })
    observer.observe({ type: 'paint', buffered: true })
  })
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
