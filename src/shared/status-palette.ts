/**
 * The original's status palette (docs/original.md#notification-pills), in one place: the
 * workshop's pills, the robots' states and the git label all draw from it. (The DOM's colours are
 * the design tokens in renderer/src/styles/tokens.css, which also carry a light theme.)
 */
export const STATUS_PALETTE = {
  success: '#4ade80',
  info: '#60a5fa',
  warning: '#fbbf24',
  error: '#f87171',
  muted: '#9ca3af',
} as const
export type PaletteTone = keyof typeof STATUS_PALETTE
