/**
 * In the permission dialog: the command that was heard, for a moment before it acts, so a
 * mis-heard word can be stopped — any key press, or Cancel.
 */
import { useEffect, useState } from 'react'
import { Mic, X } from 'lucide-react'
import { useAppStore } from '../store'
import { cancelIntent, VOICE_CONFIRM_MS } from './controller'
import './voice.css'

const DOING: Record<string, string> = {
  allow: 'Allowing',
  always: 'Always allowing',
  deny: 'Denying',
  next: 'Going to the next request',
  skip: 'Skipping',
}

export function VoiceCommandBanner({ itemId }: { itemId: string }) {
  const intent = useAppStore((s) =>
    s.voiceIntent?.kind === 'command' && s.voiceIntent.itemId === itemId ? s.voiceIntent : null,
  )
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!intent) return
    const t = window.setInterval(() => setNow(Date.now()), 50)
    return () => window.clearInterval(t)
  }, [intent])
  if (!intent) return null
  const left = Math.max(0, intent.deadline - now)
  return (
    <div
      className="voice-command"
      role="status"
      aria-live="assertive"
      data-command={intent.command}
      data-deadline={intent.deadline}
    >
      <Mic size={15} aria-hidden />
      <div className="voice-command-text">
        <div>
          Heard <strong>“{intent.command}”</strong> — {DOING[intent.command] ?? intent.command} in{' '}
          {(left / 1000).toFixed(1)} s
        </div>
        <div className="voice-command-hint">Press any key to cancel</div>
      </div>
      <span className="confirm-bar" aria-hidden>
        <span style={{ width: `${(left / VOICE_CONFIRM_MS) * 100}%` }} />
      </span>
      <button type="button" className="button subtle small" onClick={cancelIntent}>
        <X size={13} aria-hidden /> Cancel
      </button>
    </div>
  )
}
