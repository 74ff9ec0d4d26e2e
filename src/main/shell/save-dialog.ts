/**
 * The desktop's "Save as" for files the core builds (a replay export): the OS save dialog over
 * the app's window, starting in the Downloads folder with the name the core suggests. The core
 * writes the file; the shell only asks where.
 */
import { basename, join } from 'node:path'
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron'

export interface SaveDialogDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>
  window: () => BrowserWindow | null
  /** Where the dialog opens (the user's Downloads folder). */
  defaultFolder: () => string
}

export function createSaveDialog(deps: SaveDialogDeps) {
  return async (suggestedName: string): Promise<string | null> => {
    const options: SaveDialogOptions = {
      title: 'Save the replay',
      // basename: a suggested name never chooses the folder.
      defaultPath: join(deps.defaultFolder(), basename(suggestedName)),
      filters: [{ name: 'Web page', extensions: ['html'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    }
    const parent = deps.window()
    const result = parent
      ? await deps.dialog.showSaveDialog(parent, options)
      : await deps.dialog.showSaveDialog(options)
    return result.canceled || !result.filePath ? null : result.filePath
  }
}
