/**
 * The timeline under the workshop. Live: one button to enter replay at the newest recorded
 * instant. Replaying: the REPLAY badge and the replay clock, a scrubber over the stored history,
 * play/pause, step, the speeds, skip idle, and the way back to live.
 */
import { useEffect } from 'react'
import { FileDown, History, Pause, Play, Radio, SkipForward, StepForward } from 'lucide-react'
import { useAppStore } from '../../store'
import { REPLAY_SPEEDS } from '../../store/replay-slice'
import { leaveReplay, replayFrame, REPLAY_FRAME_MS, seekReplay, stepReplay } from './replay-player'
import './replay.css'

const clockText = (ms: number) => new Date(ms).toLocaleString()

export function ReplayBar() {
  const replay = useAppStore((s) => s.replay)
  const playing = replay?.playing ?? false

  useEffect(() => {
    if (!playing) return
    let busy = false
    const timer = window.setInterval(() => {
      if (busy) return
      busy = true
      void replayFrame(REPLAY_FRAME_MS).finally(() => {
        busy = false
      })
    }, REPLAY_FRAME_MS)
    return () => window.clearInterval(timer)
  }, [playing])

  if (!replay) {
    return (
      <div className="replay-bar live">
        <button
          type="button"
          className="button"
          onClick={() => void seekReplay(Number.MAX_SAFE_INTEGER)}
          title="Replay the fleet's history"
        >
          <History size={14} aria-hidden /> Replay
        </button>
      </div>
    )
  }
  const { span, clock, speed, skipIdle } = replay
  const controls = useAppStore.getState().setReplayControls
  return (
    <div className="replay-bar replaying" role="region" aria-label="Replay">
      <span className="replay-badge" aria-live="polite">
        REPLAY
      </span>
      <time className="replay-clock" dateTime={new Date(clock).toISOString()}>
        {clockText(clock)}
      </time>
      <input
        className="replay-scrubber"
        type="range"
        aria-label="Replay position"
        min={span.firstTs}
        max={span.lastTs}
        step={1}
        value={Math.min(Math.max(clock, span.firstTs), span.lastTs)}
        onChange={(e) => void seekReplay(Number(e.target.value))}
      />
      {/* The controls take a row of their own, so the scrubber keeps the whole width above. */}
      <div className="replay-controls">
        <button
          type="button"
          className="button icon"
          aria-label={playing ? 'Pause' : 'Play'}
          onClick={() => controls({ playing: !playing })}
        >
          {playing ? <Pause size={14} aria-hidden /> : <Play size={14} aria-hidden />}
        </button>
        <button
          type="button"
          className="button icon"
          aria-label="Step one event"
          onClick={() => void stepReplay()}
        >
          <StepForward size={14} aria-hidden />
        </button>
        <div className="replay-speeds" role="group" aria-label="Speed">
          {REPLAY_SPEEDS.map((s) => (
            <button
              key={s}
              type="button"
              className="button"
              aria-pressed={speed === s}
              onClick={() => controls({ speed: s })}
            >
              {s}×
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button"
          aria-pressed={skipIdle}
          onClick={() => controls({ skipIdle: !skipIdle })}
          title="Jump over stretches where nothing happened"
        >
          <SkipForward size={14} aria-hidden /> Skip idle
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            controls({ playing: false })
            useAppStore.getState().openDialog({ kind: 'replayExport' })
          }}
          title="Save a stretch of this history as one HTML file that replays it anywhere"
        >
          <FileDown size={14} aria-hidden /> Export
        </button>
        <button type="button" className="button primary" onClick={() => leaveReplay()}>
          <Radio size={14} aria-hidden /> Back to live
        </button>
      </div>
    </div>
  )
}
