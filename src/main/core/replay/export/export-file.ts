/**
 * Writes an export where the user chose: whole or not at all (a temporary file beside it, then a
 * rename), so a full disk or a cancelled write never leaves half a page under the chosen name.
 */
import { rename, rm, writeFile } from 'node:fs/promises'
import { ApiError } from '@shared/contract'

export async function writeExportFile(path: string, html: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`
  try {
    await writeFile(tmp, html, 'utf8')
    await rename(tmp, path)
  } catch (error) {
    await rm(tmp, { force: true })
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new ApiError('conflict', `could not write the export to ${path} (${code})`, 'path')
  }
}
