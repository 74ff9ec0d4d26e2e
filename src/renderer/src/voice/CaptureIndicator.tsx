/** In the top bar whenever the microphone is open: privacy at a glance, whatever is on screen. */
import { Mic } from 'lucide-react'
import { useAppStore } from '../store'
import './voice.css'

export function CaptureIndicator() {
  const live = useAppStore((s) => s.voice.micLive)
  if (!live) return null
  return (
    <span className="capture-indicator" role="status" title="The microphone is on">
      <Mic size={13} aria-hidden /> Mic on
    </span>
  )
}
