/**
 * Under the prompt while dictating: a red dot and the elapsed time, the microphone level, and
 * what the keys do; then "finishing"; after a failure, why (the words heard so far stay in the
 * prompt); and while an addressed prompt waits to be sent, where it goes and how to stop it.
 */
import { AlertCircle, Send, X } from 'lucide-react'
import { useAppStore } from '../store'
import { Keycaps } from '../ui/common/Keycaps'
import { useNow } from '../ui/common/use-now'
import { cancelIntent, dismissError, VOICE_CONFIRM_MS } from './controller'
import { useMicLevel } from './level'
import './voice.css'

const METER_BARS = 10

export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

function LevelMeter() {
  const level = useMicLevel()
  const lit = Math.round(level * METER_BARS)
  return (
    <span
      className="level-meter"
      role="meter"
      aria-label="Microphone level"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(level * 100)}
    >
      {Array.from({ length: METER_BARS }, (_, i) => (
        <span key={i} className={i < lit ? 'on' : undefined} style={{ height: `${30 + i * 7}%` }} />
      ))}
    </span>
  )
}

function Countdown({ deadline, total }: { deadline: number; total: number }) {
  const now = useNow(true, 50)
  const left = Math.max(0, deadline - now)
  return (
    <span className="confirm-bar" aria-hidden>
      <span style={{ width: `${(left / total) * 100}%` }} />
    </span>
  )
}

export function VoiceStatusRow() {
  const voice = useAppStore((s) => s.voice)
  const intent = useAppStore((s) => (s.voiceIntent?.kind === 'send' ? s.voiceIntent : null))
  const capturing = voice.phase === 'starting' || voice.phase === 'listening'
  const now = useNow(capturing, 250)

  if (intent) {
    return (
      <div className="voice-status voice-confirm" role="status">
        <Send size={13} aria-hidden />
        <span className="voice-confirm-text">
          Sending to <strong>{intent.sessionName}</strong> · any key keeps it here
        </span>
        <Countdown deadline={intent.deadline} total={VOICE_CONFIRM_MS} />
        <button
          type="button"
          className="icon-button"
          aria-label="Keep it in the prompt"
          onClick={cancelIntent}
        >
          <X size={14} />
        </button>
      </div>
    )
  }
  if (capturing || voice.phase === 'finishing') {
    return (
      <div className={`voice-status ${voice.phase}`} role="status" aria-live="polite">
        <span className="rec-dot" aria-hidden />
        <span className="voice-phase">
          {voice.phase === 'starting'
            ? 'Connecting'
            : voice.phase === 'listening'
              ? 'Listening'
              : 'Finishing'}
        </span>
        <span className="voice-elapsed">{formatElapsed(now - (voice.startedAt ?? now))}</span>
        {capturing && <LevelMeter />}
        {capturing && (
          <span className="voice-keys">
            Release to finish · <Keycaps combo="Escape" /> cancels
          </span>
        )}
      </div>
    )
  }
  if (voice.phase === 'error' && voice.error) {
    return (
      <div className="voice-status voice-error" role="alert">
        <AlertCircle size={13} aria-hidden />
        <span className="voice-error-text">{voice.error}</span>
        {/key/i.test(voice.error) && (
          <button
            type="button"
            className="button subtle small"
            onClick={() => useAppStore.getState().openDialog({ kind: 'settings' })}
          >
            Open settings
          </button>
        )}
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismissError}>
          <X size={14} />
        </button>
      </div>
    )
  }
  return null
}
