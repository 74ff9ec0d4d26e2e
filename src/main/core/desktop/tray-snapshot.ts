/**
 * What the tray shows: one overall state (drives the icon) and the sessions that need the user
 * (drives the menu). Derived from the session list, so the shell can run the tray from the
 * `sessions` stream alone; when the core grows its own tray model with the same shape, the shell
 * validates that with the same schema and prefers it.
 */
import { z } from 'zod'

export const TRAY_STATES = ['idle', 'working', 'attention'] as const
export type TrayState = (typeof TRAY_STATES)[number]

/** Statuses in which a session is blocked on the user (a permission prompt, a question). */
const NEEDS_YOU_STATUSES = new Set(['waiting', 'attention'])
export const MAX_TRAY_MENU_SESSIONS = 9

export const TraySnapshotSchema = z.object({
  state: z.enum(TRAY_STATES),
  workingCount: z.number().int().min(0),
  needsYou: z.array(z.object({ id: z.string(), name: z.string(), status: z.string() })),
})
export type TraySnapshot = z.infer<typeof TraySnapshotSchema>

const SessionLikeSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  order: z.number().optional(),
})

export const EMPTY_TRAY: TraySnapshot = { state: 'idle', workingCount: 0, needsYou: [] }

export function deriveTraySnapshot(sessions: readonly unknown[]): TraySnapshot {
  const valid = sessions.flatMap((s) => {
    const parsed = SessionLikeSchema.safeParse(s)
    return parsed.success ? [parsed.data] : []
  })
  const needsYou = valid
    .filter((s) => NEEDS_YOU_STATUSES.has(s.status))
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map(({ id, name, status }) => ({ id, name, status }))
  const workingCount = valid.filter((s) => s.status === 'working').length
  const state: TrayState = needsYou.length > 0 ? 'attention' : workingCount > 0 ? 'working' : 'idle'
  return { state, workingCount, needsYou }
}

export function trayTooltip(snapshot: TraySnapshot, paused: boolean): string {
  const parts = ['Atelier']
  if (snapshot.needsYou.length > 0)
    parts.push(`${snapshot.needsYou.length} need${snapshot.needsYou.length === 1 ? 's' : ''} you`)
  else if (snapshot.workingCount > 0) parts.push(`${snapshot.workingCount} working`)
  else parts.push('idle')
  if (paused) parts.push('notifications paused')
  return parts.join(' · ')
}

/** What drives a tray: the core (or the shell on its behalf) calls these; Electron implements them. */
export interface TrayPresenter {
  show(snapshot: TraySnapshot): void
  setNotificationsPaused(paused: boolean): void
  setUpdateReady(version: string | null): void
  destroy(): void
}

/** Icon file stem for a state; macOS menu-bar icons are monochrome "Template" images. */
export function trayIconFile(state: TrayState, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? `tray-${state}Template.png` : `tray-${state}.png`
}
