/**
 * The workshop's sounds as small synthesis recipes (the original synthesized everything too,
 * docs/original.md#sound): each is a few oscillator notes with envelopes, optionally a noise burst.
 * Pitches in Hz, times in seconds, levels in dB as in the original (QUIET −20 … LOUD −8).
 */
import type { SoundName } from '../scene/mapping'

export const LEVEL_DB = { quiet: -20, soft: -16, normal: -12, prominent: -10, loud: -8 } as const

export interface Note {
  freq: number
  /** Glide to this pitch over the note. */
  to?: number
  at: number
  dur: number
  wave: OscillatorType
}

export interface Recipe {
  level: keyof typeof LEVEL_DB
  notes: Note[]
  /** Filtered noise burst (clicks, whooshes), seconds. */
  noise?: { at: number; dur: number; filterHz: number }
}

const n = (
  freq: number,
  at: number,
  dur: number,
  wave: OscillatorType = 'sine',
  to?: number,
): Note => ({ freq, at, dur, wave, to })
const C4 = 261.63
const E4 = 329.63
const G4 = 392
const A4 = 440
const B4 = 493.88
const C5 = 523.25
const D5 = 587.33
const E5 = 659.25
const G5 = 783.99
const C6 = 1046.5

export const RECIPES: Record<SoundName, Recipe> = {
  read: { level: 'soft', notes: [n(E5, 0, 0.08, 'triangle'), n(G5, 0.06, 0.1, 'triangle')] },
  write: {
    level: 'soft',
    notes: [n(C5, 0, 0.07, 'square'), n(E5, 0.05, 0.07, 'square'), n(G5, 0.1, 0.1, 'square')],
  },
  edit: { level: 'soft', notes: [n(G4, 0, 0.08, 'triangle'), n(B4, 0.07, 0.12, 'triangle')] },
  bash: {
    level: 'soft',
    notes: [n(220, 0, 0.05, 'square'), n(330, 0.05, 0.08, 'square')],
    noise: { at: 0, dur: 0.04, filterHz: 4000 },
  },
  grep: { level: 'soft', notes: [n(A4, 0, 0.15, 'sine', 880)] },
  glob: { level: 'soft', notes: [n(D5, 0, 0.06, 'triangle'), n(A4, 0.06, 0.1, 'triangle')] },
  webfetch: { level: 'soft', notes: [n(600, 0, 0.2, 'sine', 1200), n(1200, 0.12, 0.1, 'sine')] },
  websearch: {
    level: 'soft',
    notes: [n(500, 0, 0.12, 'sine', 900), n(700, 0.12, 0.12, 'sine', 1100)],
  },
  task: {
    level: 'normal',
    notes: [n(C4, 0, 0.12, 'sawtooth'), n(G4, 0.1, 0.12, 'sawtooth'), n(C5, 0.2, 0.2, 'triangle')],
  },
  todo: {
    level: 'soft',
    notes: [
      n(C5, 0, 0.06, 'triangle'),
      n(C5, 0.09, 0.06, 'triangle'),
      n(E5, 0.18, 0.1, 'triangle'),
    ],
  },
  success: { level: 'quiet', notes: [n(C5, 0, 0.1, 'sine'), n(G5, 0.08, 0.16, 'sine')] },
  error: {
    level: 'normal',
    notes: [n(220, 0, 0.16, 'sawtooth', 180), n(165, 0.14, 0.24, 'sawtooth', 130)],
  },
  git_commit: {
    level: 'prominent',
    notes: [
      n(C5, 0, 0.12, 'square'),
      n(E5, 0.12, 0.12, 'square'),
      n(G5, 0.24, 0.12, 'square'),
      n(C6, 0.36, 0.4, 'triangle'),
    ],
  },
  clear: {
    level: 'normal',
    notes: [n(1200, 0, 0.35, 'sine', 200)],
    noise: { at: 0, dur: 0.3, filterHz: 2000 },
  },
  walking: { level: 'quiet', notes: [], noise: { at: 0, dur: 0.05, filterHz: 900 } },
  focus: { level: 'soft', notes: [n(G4, 0, 0.08, 'sine'), n(D5, 0.06, 0.14, 'sine')] },
  click: { level: 'quiet', notes: [n(1400, 0, 0.03, 'square')] },
  hover: { level: 'quiet', notes: [n(C5, 0, 0.04, 'sine')] },
  spawn: { level: 'normal', notes: [n(300, 0, 0.3, 'sine', 1200), n(C6, 0.25, 0.15, 'triangle')] },
  despawn: { level: 'soft', notes: [n(1200, 0, 0.3, 'sine', 300)] },
  zone_create: {
    level: 'normal',
    notes: [n(C4, 0, 0.3, 'triangle'), n(G4, 0.1, 0.3, 'triangle'), n(C5, 0.2, 0.4, 'triangle')],
  },
  zone_delete: {
    level: 'normal',
    notes: [n(C5, 0, 0.2, 'triangle'), n(G4, 0.12, 0.2, 'triangle'), n(C4, 0.24, 0.35, 'triangle')],
  },
  prompt: { level: 'soft', notes: [n(E4, 0, 0.1, 'sine'), n(A4, 0.08, 0.16, 'sine')] },
  stop: {
    level: 'soft',
    notes: [n(G5, 0, 0.1, 'sine'), n(E5, 0.09, 0.1, 'sine'), n(C5, 0.18, 0.22, 'sine')],
  },
  notification: {
    level: 'prominent',
    notes: [n(E5, 0, 0.12, 'sine'), n(A4, 0.14, 0.12, 'sine'), n(E5, 0.28, 0.2, 'sine')],
  },
  // Push-to-talk: a short rising pair when the microphone opens, falling when it closes.
  voice_start: { level: 'soft', notes: [n(C5, 0, 0.06, 'sine'), n(G5, 0.05, 0.09, 'sine')] },
  voice_stop: { level: 'soft', notes: [n(G5, 0, 0.06, 'sine'), n(C5, 0.05, 0.09, 'sine')] },
  // A jazz Cmaj9 bloom: C E G B D, staggered.
  intro: {
    level: 'soft',
    notes: [
      n(C4, 0, 1.4, 'sine'),
      n(E4, 0.08, 1.3, 'sine'),
      n(G4, 0.16, 1.2, 'sine'),
      n(B4, 0.24, 1.1, 'sine'),
      n(D5, 0.32, 1.0, 'sine'),
    ],
  },
}

export function dbToGain(db: number): number {
  return 10 ** (db / 20)
}
