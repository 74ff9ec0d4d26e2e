/**
 * Session accent colours, by display position: the feed's left border, the card dot and the
 * prompt target use the same colour for the same session. Eight, like the original's zone palette.
 */
export const SESSION_COLORS = [
  '#22d3ee',
  '#a78bfa',
  '#f472b6',
  '#fbbf24',
  '#34d399',
  '#60a5fa',
  '#fb923c',
  '#f87171',
] as const

/** Grey for events whose session is unknown to the window (observed, or deleted since). */
export const UNKNOWN_SESSION_COLOR = '#6b7280'

export function sessionColor(index: number): string {
  return index < 0 ? UNKNOWN_SESSION_COLOR : SESSION_COLORS[index % SESSION_COLORS.length]
}
