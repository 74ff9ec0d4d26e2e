/**
 * Walking prompt history with ↑/↓ like a shell: ↑ from the draft goes to the newest prompt, ↓
 * past the newest returns the unsent draft unchanged.
 */
export interface HistoryCursor {
  /** Index into history, or null while editing the draft. */
  index: number | null
  draft: string
}

export function stepHistory(
  history: readonly string[],
  cursor: HistoryCursor,
  current: string,
  direction: 'up' | 'down',
): { cursor: HistoryCursor; text: string } | null {
  if (history.length === 0) return null
  if (direction === 'up') {
    if (cursor.index === 0) return null
    const index = cursor.index === null ? history.length - 1 : cursor.index - 1
    const draft = cursor.index === null ? current : cursor.draft
    return { cursor: { index, draft }, text: history[index] }
  }
  if (cursor.index === null) return null
  if (cursor.index >= history.length - 1)
    return { cursor: { index: null, draft: '' }, text: cursor.draft }
  return {
    cursor: { index: cursor.index + 1, draft: cursor.draft },
    text: history[cursor.index + 1],
  }
}
