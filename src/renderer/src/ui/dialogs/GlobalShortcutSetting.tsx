/**
 * Settings → Keyboard: the system-wide shortcut to the next item of the attention queue. The
 * desktop app registers it with the OS, so it works from any application; the window's own keys
 * are below it. A combo a window action already uses is refused (the OS would take it from the
 * window), and so is one without Ctrl, Alt or Meta.
 */
import { useState } from 'react'
import { GlobalShortcutSchema, DEFAULT_SETTINGS } from '@shared/settings'
import { useAppStore } from '../../store'
import { ACTION_BY_ID } from '../../keyboard/actions'
import { resolveBindings } from '../../keyboard/bindings'
import { useKeyCapture } from '../../keyboard/use-key-capture'
import { updateSettings } from '../commands'
import { Keycaps } from '../common/Keycaps'
import { Row } from './settings-controls'

const NO_OVERRIDES: Record<string, string> = {}
/** The window action the system-wide shortcut does too: its keys may be the same. */
const SAME_JOB = 'session.nextAttention'

/** Why `combo` cannot be the system-wide shortcut, or null. */
export function globalShortcutError(
  combo: string,
  overrides: Record<string, string>,
): string | null {
  if (!GlobalShortcutSchema.safeParse(combo).success)
    return `${combo} needs Ctrl, Alt or Meta: a system-wide key would be taken from every application.`
  const bindings = resolveBindings(overrides)
  const clash = Object.entries(bindings).find(
    ([id, combos]) => id !== SAME_JOB && combos.includes(combo),
  )
  if (!clash) return null
  return `${combo} already does “${ACTION_BY_ID.get(clash[0])?.label ?? clash[0]}” in the window.`
}

export function GlobalShortcutSetting() {
  const combo = useAppStore((s) => s.settings?.attentionShortcut ?? '')
  const overrides = useAppStore((s) => s.settings?.keybindings ?? NO_OVERRIDES)
  const [capturing, setCapturing] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useKeyCapture(
    capturing,
    (next) => {
      setCapturing(false)
      const problem = globalShortcutError(next, overrides)
      setError(problem)
      if (!problem) void updateSettings({ attentionShortcut: next })
    },
    () => setCapturing(false),
  )

  const set = (value: string) => {
    setError(null)
    void updateSettings({ attentionShortcut: value })
  }
  return (
    <div className="global-shortcut">
      <Row
        label="Next in the attention queue, from any application"
        hint="Desktop app: brings the window up and goes to the next request, failure or finished turn."
      >
        <span className="button-row">
          <span className="kb-keys" data-testid="global-shortcut">
            {capturing ? (
              <span className="kb-capture">Press keys… (Esc cancels)</span>
            ) : combo ? (
              <Keycaps combo={combo} />
            ) : (
              <span className="muted">off</span>
            )}
          </span>
          <button type="button" className="button small" onClick={() => setCapturing(true)}>
            Change
          </button>
          <button type="button" className="button small" disabled={!combo} onClick={() => set('')}>
            Turn off
          </button>
          <button
            type="button"
            className="button small"
            disabled={combo === DEFAULT_SETTINGS.attentionShortcut}
            onClick={() => set(DEFAULT_SETTINGS.attentionShortcut)}
          >
            Default
          </button>
        </span>
      </Row>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
