/**
 * Saves a replay export the way the window can: the desktop app asks the core to build it and
 * save it where the user picks in the OS save dialog (replay.saveExport); a headless page gets
 * the file from the core (replay.export) and hands it to the browser as a download.
 */
import type { ReplayExportRequest } from '@shared/contract/replay'
import { core } from '../../transport'
import { useAppStore } from '../../store'
import { attempt } from '../commands'

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** The browser's own "save": a link to the file, clicked once. */
function download(fileName: string, html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The download has its own copy once started; the object URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** Answers whether the export was saved (false: it failed, with a toast, or was cancelled). */
export async function saveReplayExport(req: ReplayExportRequest): Promise<boolean> {
  const store = useAppStore.getState()
  if (store.runtime === 'electron') {
    const saved = await attempt('Export failed', () => core().invoke('replay.saveExport', req))
    if (!saved?.path) return false
    store.toast('success', `Replay saved: ${saved.events} events, ${megabytes(saved.bytes)}`)
    return true
  }
  const built = await attempt('Export failed', () => core().invoke('replay.export', req))
  if (!built) return false
  download(built.fileName, built.html)
  store.toast('success', `Replay exported: ${built.events} events, ${megabytes(built.bytes)}`)
  return true
}
