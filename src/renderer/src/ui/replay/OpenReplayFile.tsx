/**
 * "Open replay file…": a file picker for exported replay pages (an <input type=file> works in
 * the desktop window and in a browser alike), and a drop of such a file anywhere on the window.
 */
import { useEffect, useRef } from 'react'
import { FolderOpen } from 'lucide-react'
import { useAppStore } from '../../store'
import { openReplayFile, REPLAY_FILE_ACCEPT } from './open-replay-file'

const isPage = (file: File) => /\.html?$/i.test(file.name) || file.type === 'text/html'

const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false

/** A file dragged over the window may be dropped; an exported page dropped is opened. */
function useReplayFileDrop(): void {
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!carriesFiles(e) || e.defaultPrevented) return
      // Without this the window would open the file itself (navigate away from the app).
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e) || e.defaultPrevented) return
      e.preventDefault()
      const file = e.dataTransfer?.files[0]
      if (!file) return
      if (!isPage(file)) {
        useAppStore
          .getState()
          .toast('info', `${file.name} is not a replay file: drop an exported Atelier page (.html)`)
        return
      }
      void openReplayFile(file)
    }
    window.addEventListener('dragover', over)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragover', over)
      window.removeEventListener('drop', drop)
    }
  }, [])
}

export function OpenReplayFileButton() {
  const input = useRef<HTMLInputElement>(null)
  useReplayFileDrop()
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => input.current?.click()}
        title="Replay an exported Atelier file here, read-only (or drop it on the window)"
      >
        <FolderOpen size={14} aria-hidden /> Open replay file…
      </button>
      <input
        ref={input}
        type="file"
        accept={REPLAY_FILE_ACCEPT}
        aria-label="Replay file"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0]
          // Cleared so that picking the same file again opens it again.
          e.target.value = ''
          if (file) void openReplayFile(file)
        }}
      />
    </>
  )
}
