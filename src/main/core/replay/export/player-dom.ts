/**
 * The part of the browser's DOM the exported player uses. The player is type-checked with the
 * core (which has no DOM types, on purpose) and runs in the exported page; these declarations
 * are the contract between the two, kept to what it calls.
 */
export interface PlayerEvent {
  clientX: number
  /** The element the event happened on (for one listener serving many children). */
  target: PlayerElement | null
  key: string
  preventDefault(): void
}

export interface PlayerElement {
  id: string
  textContent: string | null
  className: string
  title: string
  hidden: boolean
  dataset: Record<string, string | undefined>
  style: { setProperty(name: string, value: string): void }
  setAttribute(name: string, value: string): void
  appendChild<T extends PlayerElement>(child: T): T
  prepend(...nodes: PlayerElement[]): void
  replaceChildren(...nodes: PlayerElement[]): void
  addEventListener(type: string, listener: (event: PlayerEvent) => void): void
  getBoundingClientRect(): { left: number; top: number; width: number; height: number }
  scrollTop: number
  scrollHeight: number
  childElementCount: number
  firstElementChild: PlayerElement | null
  lastElementChild: PlayerElement | null
  remove(): void
}

export interface PlayerInput extends PlayerElement {
  value: string
  min: string
  max: string
}

export interface PlayerCanvasContext {
  fillStyle: string
  font: string
  textBaseline: string
  clearRect(x: number, y: number, w: number, h: number): void
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number, maxWidth?: number): void
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void
}

export interface PlayerCanvas extends PlayerElement {
  width: number
  height: number
  clientWidth: number
  getContext(kind: '2d'): PlayerCanvasContext | null
}

export interface PlayerDocument {
  documentElement: PlayerElement
  getElementById(id: string): PlayerElement | null
  createElement(tag: string): PlayerElement
  createElementNS(namespace: string, tag: string): PlayerElement
  addEventListener(type: string, listener: (event: PlayerEvent) => void): void
}

export interface PlayerWindow {
  document: PlayerDocument
  devicePixelRatio: number
  requestAnimationFrame(callback: (now: number) => void): number
  matchMedia(query: string): { matches: boolean }
  addEventListener(type: string, listener: () => void): void
  getComputedStyle(el: PlayerElement): { getPropertyValue(name: string): string }
}
