/** Text helpers shared by the feed, the cards, the dialogs and the workshop's labels and pills. */

/** Cut to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/** The last part of a path (either separator; trailing ones ignored), or the path itself when none. */
export function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '')
  const i = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'))
  return trimmed.slice(i + 1) || path
}
