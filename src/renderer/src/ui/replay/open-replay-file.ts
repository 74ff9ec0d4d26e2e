/**
 * Opens an exported replay file the user picked (or dropped on the window): its text goes to the
 * core in parts (replay.import checks it and answers the stretch), then the workshop replays it
 * read-only. The file is read here because a page can read a picked file in both the desktop
 * window and a browser; the core never opens paths for it.
 */
import { IMPORT_PART_CHARS, MAX_IMPORT_BYTES, type ImportedReplay } from '@shared/contract/replay'
import { core } from '../../transport'
import { useAppStore } from '../../store'
import { attempt } from '../commands'
import { enterFileReplay } from './replay-player'

/** What the picker offers: the exported pages. */
export const REPLAY_FILE_ACCEPT = '.html,.htm,text/html'

const uploadId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`

async function upload(fileName: string, text: string): Promise<ImportedReplay> {
  const parts = Math.max(1, Math.ceil(text.length / IMPORT_PART_CHARS))
  const id = uploadId()
  for (let part = 0; part < parts; part++) {
    const answer = await core().invoke('replay.import', {
      fileName,
      upload: id,
      part,
      parts,
      text: text.slice(part * IMPORT_PART_CHARS, (part + 1) * IMPORT_PART_CHARS),
    })
    if (answer.done) return answer.replay
  }
  throw new Error('the app did not finish reading the file')
}

/** Answers whether the file is now being replayed (false: refused, with a toast saying why). */
export async function openReplayFile(file: File): Promise<boolean> {
  const store = useAppStore.getState()
  if (file.size > MAX_IMPORT_BYTES) {
    store.toast(
      'error',
      `Could not open ${file.name}: larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
    )
    return false
  }
  const replay = await attempt(`Could not open ${file.name}`, async () =>
    upload(file.name, await file.text()),
  )
  if (!replay) return false
  await enterFileReplay(replay)
  return true
}
