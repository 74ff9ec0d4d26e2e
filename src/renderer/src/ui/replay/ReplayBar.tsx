/**
 * The dock under the workshop: the timeline (when shown, timeline/Timeline.tsx) above the replay
 * bar. Live, the bar has a button to enter replay at the newest recorded instant, one to open an
 * exported file, and the timeline's toggle. Replaying: the REPLAY badge (naming the file when one
 * is open) and the replay clock, a scrubber over the history, play/pause, step, the speeds, skip
 * idle, the timeline's toggle, and the way back to live.
 */
import { useEffect } from 'react'
import {
  ChartGantt,
  FileDown,
  FileText,
  History,
  Pause,
  Play,
  Radio,
  SkipForward,
  StepForward,
} from 'lucide-react'
import { useAppStore } from '../../store'
import { REPLAY_SPEEDS } from '../../store/replay-slice'
import { leaveReplay, seekReplay, startPlayback, stepReplay } from './replay-player'
import { OpenReplayFileButton } from './OpenReplayFile'
import { Timeline } from './timeline/Timeline'
import './replay.css'

const clockText = (ms: number) => new Date(ms).toLocaleString()

/** Shows or hides the timeline; only its icon while replaying, beside the clock (the controls' row is full). */
function TimelineToggle({ compact = false }: { compact?: boolean }) {
  const open = useAppStore((s) => s.timelineOpen)
  return (
    <button
      type="button"
      className="button"
      aria-pressed={open}
      aria-label={compact ? 'Timeline' : undefined}
      onClick={() => useAppStore.getState().setTimelineOpen(!open)}
      title={open ? 'Hide the timeline' : 'Show every session’s history on a timeline'}
    >
      <ChartGantt size={14} aria-hidden />
      {!compact && ' Timeline'}
    </button>
  )
}

export function ReplayBar() {
  const timelineOpen = useAppStore((s) => s.timelineOpen)
  return (
    <div className="scene-dock">
      {timelineOpen && <Timeline />}
      <ReplayControls />
    </div>
  )
}

function ReplayControls() {
  const replay = useAppStore((s) => s.replay)
  const playing = replay?.playing ?? false

  useEffect(() => (playing ? startPlayback() : undefined), [playing])

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
        <OpenReplayFileButton />
        <TimelineToggle />
      </div>
    )
  }
  const { span, clock, speed, skipIdle, file } = replay
  const controls = useAppStore.getState().setReplayControls
  return (
    <div
      className="replay-bar replaying"
      role="region"
      aria-label={file ? `Replay of the file ${file.fileName}` : 'Replay'}
    >
      <span className="replay-badge" aria-live="polite">
        {file ? 'REPLAY · imported file' : 'REPLAY'}
      </span>
      {file && (
        <span
          className="replay-file"
          title={`Exported by Atelier ${file.appVersion} on ${clockText(file.exportedAt)}: read-only, not this machine's history`}
        >
          <FileText size={14} aria-hidden />
          <span className="replay-file-name">{file.fileName}</span>
        </span>
      )}
      <time className="replay-clock" dateTime={new Date(clock).toISOString()}>
        {clockText(clock)}
      </time>
      <TimelineToggle compact />
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
        {/* An export is of this machine's history; an opened file is already one. */}
        {!file && (
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
        )}
        <OpenReplayFileButton />
        <button type="button" className="button primary" onClick={() => leaveReplay()}>
          <Radio size={14} aria-hidden /> Back to live
        </button>
      </div>
    </div>
  )
}
