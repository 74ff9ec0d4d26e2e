/** Session colours in the DOM: the shared hues (@shared/session-hues) as theme-aware CSS properties. */
import type { Session } from '@shared/sessions'
import { hueSlot, SESSION_HUES, UNKNOWN_SESSION_COLOR, type ThemeName } from '@shared/session-hues'

export {
  hueColor,
  hueSlot,
  hueSlotOfHex,
  SESSION_HUES,
  UNKNOWN_SESSION_COLOR,
  type SessionHue,
  type ThemeName,
} from '@shared/session-hues'

/** The CSS colour for a session in the DOM: follows the theme through a custom property. */
export function sessionColorVar(session: Pick<Session, 'id' | 'zone'> | undefined): string {
  return session ? `var(--session-${hueSlot(session)})` : UNKNOWN_SESSION_COLOR
}

/** Declares --session-0 … --session-6 for both themes, from this one palette. */
export function sessionColorCss(): string {
  const block = (theme: ThemeName) =>
    SESSION_HUES.map((h, i) => `--session-${i}: ${h[theme]};`).join(' ')
  return `:root, :root[data-theme='dark'] { ${block('dark')} } :root[data-theme='light'] { ${block('light')} }`
}

let installed = false
/** Adds the custom properties to the document once (called at start-up). */
export function installSessionColors(): void {
  if (installed || typeof document === 'undefined') return
  installed = true
  const style = document.createElement('style')
  style.dataset.sessionColors = ''
  style.textContent = sessionColorCss()
  document.head.appendChild(style)
}
