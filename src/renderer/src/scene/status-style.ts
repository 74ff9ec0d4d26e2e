/**
 * What each session status looks like in the workshop
 * (docs/workshop-style.md#what-each-status-looks-like): the zone border, the status band inside
 * it, the floor pattern and the label's status chip. Statuses are drawn with their own channel — never by recolouring the session's
 * border — and every one differs from every other in shape, not only in colour.
 */
import type { Session } from '@shared/sessions'
import type { ThemeName } from '../theme/session-palette'
import type { SessionState } from '@shared/lifecycle'

/** The session lifecycle's states (src/shared/lifecycle.ts), each with its own look. */
export type VisualStatus = SessionState

export type StatusTone = 'blue' | 'amber' | 'emerald' | 'red' | 'stone' | 'grey' | 'session'

/** Status colours per theme; `session` means the session's own colour. */
export const STATUS_TONES: Record<Exclude<StatusTone, 'session'>, Record<ThemeName, string>> = {
  blue: { dark: '#93c5fd', light: '#1d4ed8' },
  amber: { dark: '#fbbf24', light: '#b45309' },
  emerald: { dark: '#34d399', light: '#047857' },
  red: { dark: '#f87171', light: '#b91c1c' },
  stone: { dark: '#d6d3d1', light: '#57534e' },
  grey: { dark: '#64748b', light: '#94a3b8' },
}

export type FloorPattern = 'none' | 'stripes' | 'dots' | 'crosshatch'
export type LineStyle = 'solid' | 'dashed'

/** Names of lucide icons the label overlay draws for the chip. */
export type ChipIcon =
  | 'Loader'
  | 'SquareTerminal'
  | 'Activity'
  | 'ShieldAlert'
  | 'MessageCircleQuestion'
  | 'CirclePause'
  | 'CircleCheck'
  | 'CircleX'
  | 'Unplug'

export interface StatusStyle {
  border: {
    /** 'grey' drops the session colour (offline). */
    tone: 'session' | 'grey'
    style: LineStyle
    /** 0..1: how strongly the border shows. */
    strength: number
    /** Soft light spilling from the border onto the floor, 0..1. */
    glow: number
  }
  band: { tone: Exclude<StatusTone, 'session'>; style: LineStyle } | null
  floor: {
    /** How much of the session colour tints the floor, 0..1 (0: grey floor). */
    tint: number
    pattern: FloorPattern
    patternTone: Exclude<StatusTone, 'session'> | null
  }
  chip: { icon: ChipIcon; text: string; tone: StatusTone } | null
  /**
   * The band pulses for a while when the status begins, then holds: strong for the states that
   * need you (a decision or an answer only the user can give), subtle for a failure announcing
   * itself; a finished turn is a success and holds still.
   */
  pulse: 'strong' | 'subtle' | null
}

export const STATUS_STYLES: Record<VisualStatus, StatusStyle> = {
  starting: {
    border: { tone: 'session', style: 'dashed', strength: 0.6, glow: 0 },
    band: null,
    floor: { tint: 0.06, pattern: 'none', patternTone: null },
    chip: { icon: 'Loader', text: 'Starting', tone: 'blue' },
    pulse: null,
  },
  screen: {
    border: { tone: 'session', style: 'solid', strength: 0.8, glow: 0.15 },
    band: { tone: 'amber', style: 'dashed' },
    floor: { tint: 0.14, pattern: 'none', patternTone: null },
    chip: { icon: 'SquareTerminal', text: 'Check terminal', tone: 'amber' },
    pulse: 'strong',
  },
  idle: {
    border: { tone: 'session', style: 'solid', strength: 0.6, glow: 0 },
    band: null,
    floor: { tint: 0.12, pattern: 'none', patternTone: null },
    chip: null,
    pulse: null,
  },
  working: {
    border: { tone: 'session', style: 'solid', strength: 1, glow: 0.4 },
    band: null,
    floor: { tint: 0.13, pattern: 'none', patternTone: null },
    chip: { icon: 'Activity', text: 'Working', tone: 'session' },
    pulse: null,
  },
  permission: {
    border: { tone: 'session', style: 'solid', strength: 0.85, glow: 0.15 },
    band: { tone: 'amber', style: 'solid' },
    floor: { tint: 0.14, pattern: 'stripes', patternTone: 'amber' },
    chip: { icon: 'ShieldAlert', text: 'Needs permission', tone: 'amber' },
    pulse: 'strong',
  },
  question: {
    border: { tone: 'session', style: 'solid', strength: 0.85, glow: 0.15 },
    band: { tone: 'amber', style: 'solid' },
    floor: { tint: 0.14, pattern: 'dots', patternTone: 'amber' },
    chip: { icon: 'MessageCircleQuestion', text: 'Question', tone: 'amber' },
    pulse: 'strong',
  },
  interrupted: {
    border: { tone: 'session', style: 'solid', strength: 0.7, glow: 0 },
    band: { tone: 'stone', style: 'dashed' },
    floor: { tint: 0.12, pattern: 'none', patternTone: null },
    chip: { icon: 'CirclePause', text: 'Interrupted', tone: 'stone' },
    pulse: null,
  },
  finished: {
    border: { tone: 'session', style: 'solid', strength: 0.85, glow: 0.1 },
    band: { tone: 'emerald', style: 'solid' },
    floor: { tint: 0.14, pattern: 'none', patternTone: null },
    chip: { icon: 'CircleCheck', text: 'Finished', tone: 'emerald' },
    pulse: null,
  },
  failed: {
    border: { tone: 'session', style: 'solid', strength: 0.85, glow: 0.1 },
    band: { tone: 'red', style: 'solid' },
    floor: { tint: 0.12, pattern: 'crosshatch', patternTone: 'red' },
    chip: { icon: 'CircleX', text: 'Failed', tone: 'red' },
    pulse: 'subtle',
  },
  offline: {
    border: { tone: 'grey', style: 'dashed', strength: 0.7, glow: 0 },
    band: null,
    floor: { tint: 0, pattern: 'none', patternTone: null },
    chip: { icon: 'Unplug', text: 'Offline', tone: 'grey' },
    pulse: null,
  },
}

/**
 * The visual status of a session: its lifecycle state, which the core derives from hooks, app
 * actions and process events (docs/session-lifecycle.md), one look per state.
 */
export function visualStatus(session: Pick<Session, 'status'>): VisualStatus {
  return session.status
}

/** The colour a tone stands for, given the session's own colour. */
export function toneColor(tone: StatusTone, theme: ThemeName, sessionColor: string): string {
  return tone === 'session' ? sessionColor : STATUS_TONES[tone][theme]
}
