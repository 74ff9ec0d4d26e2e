/**
 * The tray's contract with the core: the core computes what the tray shows (`TrayState` in
 * core/notify/tray-model.ts: overall state, sessions needing you, tooltip); a presenter renders
 * it. Electron implements the presenter in src/main/shell/tray.ts.
 */
import type { TrayState } from '../../core/notify/tray-model'

export type { TrayState }
export type TrayLevel = TrayState['state']

/** The tray menu lists at most this many queue items (the 1–9 hotkeys' worth). */
export const MAX_TRAY_MENU_SESSIONS = 9

export const EMPTY_TRAY: TrayState = {
  state: 'idle',
  needYou: [],
  working: 0,
  tooltip: 'Atelier — idle',
  queue: [],
}

/** What drives a tray: the core's state, plus the two things only the shell knows. */
export interface TrayPresenter {
  show(state: TrayState): void
  setNotificationsPaused(paused: boolean): void
  setUpdateReady(version: string | null): void
  destroy(): void
}

/** Icon file for a state; macOS menu-bar icons are monochrome "Template" images it tints itself. */
export function trayIconFile(level: TrayLevel, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? `tray-${level}Template.png` : `tray-${level}.png`
}

export function trayTooltip(state: TrayState, paused: boolean): string {
  return paused ? `${state.tooltip} · notifications paused` : state.tooltip
}
