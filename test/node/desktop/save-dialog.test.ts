/** The desktop's save dialog for exports: where it opens, over which window, and cancelling. */
import { describe, expect, it } from 'vitest'
import type { BrowserWindow, SaveDialogOptions, SaveDialogReturnValue } from 'electron'
import { createSaveDialog } from '../../../src/main/shell/save-dialog'

function fakeDialog(answer: SaveDialogReturnValue) {
  const calls: { parent: unknown; options: SaveDialogOptions }[] = []
  const dialog = {
    showSaveDialog: ((a: unknown, b?: SaveDialogOptions) => {
      calls.push(b ? { parent: a, options: b } : { parent: null, options: a as SaveDialogOptions })
      return Promise.resolve(answer)
    }) as never,
  }
  return { dialog, calls }
}

describe('save dialog', () => {
  it('opens in the Downloads folder over the window with the suggested name, and answers the path', async () => {
    const win = { id: 1 } as unknown as BrowserWindow
    const { dialog, calls } = fakeDialog({ canceled: false, filePath: '/home/u/Desktop/run.html' })
    const choose = createSaveDialog({
      dialog,
      window: () => win,
      defaultFolder: () => '/home/u/Downloads',
    })
    expect(await choose('atelier-replay-2026-12-02-0730-0830.html')).toBe(
      '/home/u/Desktop/run.html',
    )
    expect(calls).toHaveLength(1)
    expect(calls[0].parent).toBe(win)
    expect(calls[0].options.defaultPath).toBe(
      '/home/u/Downloads/atelier-replay-2026-12-02-0730-0830.html',
    )
    expect(calls[0].options.filters).toEqual([{ name: 'Web page', extensions: ['html'] }])
  })

  it('never lets a suggested name pick the folder', async () => {
    const { dialog, calls } = fakeDialog({ canceled: true, filePath: '' })
    const choose = createSaveDialog({ dialog, window: () => null, defaultFolder: () => '/d' })
    expect(await choose('../../etc/x.html')).toBeNull()
    expect(calls[0]).toMatchObject({ parent: null, options: { defaultPath: '/d/x.html' } })
  })
})
