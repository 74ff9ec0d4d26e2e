/**
 * The prompt bar's microphone: hold it to talk (push-to-talk with the mouse), or tap it to start
 * and tap again to stop. Keyboard activation (Enter, Space) toggles.
 */
import { useRef } from 'react'
import { Mic, MicOff } from 'lucide-react'
import { useAppStore } from '../store'
import { useBindings } from '../keyboard/useKeyboard'
import { formatCombo } from '../keyboard/combo'
import { isCapturing, press, release, setToggled, TAP_MAX_MS } from './controller'
import { TALK_ACTION } from './talk-key'
import './voice.css'

export function MicButton() {
  const phase = useAppStore((s) => s.voice.phase)
  const combo = useBindings()[TALK_ACTION]?.[0]
  const pressedAt = useRef<number | null>(null)
  const live = phase === 'starting' || phase === 'listening'
  const hint = combo ? ` (hold ${formatCombo(combo)})` : ''
  return (
    <button
      type="button"
      className={`button mic-button${live ? ' live' : ''}`}
      aria-pressed={live}
      aria-label={live ? 'Stop listening' : 'Dictate'}
      title={live ? 'Release or click to stop; Esc cancels' : `Hold to dictate, or click${hint}`}
      disabled={phase === 'finishing'}
      onPointerDown={(e) => {
        if (e.button !== 0) return
        e.preventDefault()
        if (isCapturing()) {
          // A second tap ends a capture that a tap started.
          setToggled(false)
          void release()
          return
        }
        pressedAt.current = performance.now()
        setToggled(false)
        void press()
      }}
      onPointerUp={() => {
        if (pressedAt.current === null) return
        const held = performance.now() - pressedAt.current
        pressedAt.current = null
        if (held < TAP_MAX_MS) setToggled(true)
        else void release()
      }}
      onPointerLeave={() => {
        if (pressedAt.current !== null && performance.now() - pressedAt.current >= TAP_MAX_MS) {
          pressedAt.current = null
          void release()
        }
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return
        e.preventDefault()
        if (isCapturing()) {
          setToggled(false)
          void release()
        } else {
          setToggled(true)
          void press()
        }
      }}
    >
      {live ? <MicOff size={14} aria-hidden /> : <Mic size={14} aria-hidden />}
    </button>
  )
}
