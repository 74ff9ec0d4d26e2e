/**
 * Puts an imported file back together from the parts the window sends (the contract's
 * IMPORT_PART_CHARS each). One upload at a time: a new one drops any other unfinished one, so at
 * most one file's text is held, and it is dropped as soon as the file is read or refused.
 */
import { ApiError } from '@shared/contract'
import { MAX_IMPORT_BYTES, MAX_IMPORT_PARTS } from '@shared/contract/replay'
import type { ReplayImportRequest } from '@shared/contract/replay'

interface Upload {
  id: string
  parts: string[]
  expected: number
}

export class ImportUploads {
  private current: Upload | null = null

  /** Answers the whole text once the last part is in, null while parts are missing. */
  add(req: ReplayImportRequest): string | null {
    if (req.parts > MAX_IMPORT_PARTS) {
      this.current = null
      throw new ApiError(
        'too_large',
        `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: export a shorter stretch or fewer sessions`,
        'parts',
      )
    }
    if (req.part === 0) this.current = { id: req.upload, parts: [], expected: req.parts }
    const up = this.current
    if (!up || up.id !== req.upload || up.expected !== req.parts || up.parts.length !== req.part) {
      this.current = null
      throw new ApiError(
        'conflict',
        'the file arrived out of order or another one was opened meanwhile: open it again',
        'part',
      )
    }
    up.parts.push(req.text)
    if (up.parts.length < up.expected) return null
    this.current = null
    return up.parts.join('')
  }

  /** How many parts of the current upload are in (0 when none is under way). */
  get received(): number {
    return this.current?.parts.length ?? 0
  }
}
