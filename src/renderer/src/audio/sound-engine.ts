/**
 * Plays the synthesized sounds with Web Audio: master volume and mute from the app settings,
 * optional per-sound gain and stereo pan. The AudioContext starts on the first user gesture (a
 * browser rule); it plays the intro chord then.
 */
import { useAppStore } from '../store'
import type { SoundName } from '../scene/mapping'
import { RECIPES, LEVEL_DB, dbToGain } from './recipes'

const ATTACK_S = 0.005
/** Sounds of one name closer together than this are merged (a replay burst is one sound). */
const MIN_REPEAT_S = 0.05

let ctx: AudioContext | null = null
let noiseBuffer: AudioBuffer | null = null
const lastPlayed = new Map<SoundName, number>()

function settings() {
  return useAppStore.getState().settings?.sound ?? { muted: false, volume: 0.7, spatial: true }
}

/** Starts audio; call from a user gesture. Safe to call many times. */
export function initAudio(): void {
  if (ctx || typeof AudioContext === 'undefined') return
  ctx = new AudioContext()
  const len = Math.floor(ctx.sampleRate * 0.5)
  noiseBuffer = ctx.createBuffer(1, len, ctx.sampleRate)
  const data = noiseBuffer.getChannelData(0)
  for (let i = 0; i < len; i++) data[i] = Math.random() * 2 - 1
  playSound('intro')
}

export function audioReady(): boolean {
  return ctx !== null
}

export function spatialEnabled(): boolean {
  return settings().spatial
}

export function playSound(
  name: SoundName,
  opts: { gain?: number; pan?: number; pitch?: number } = {},
): void {
  const s = settings()
  if (!ctx || s.muted || s.volume <= 0) return
  const t0 = ctx.currentTime
  const last = lastPlayed.get(name) ?? -Infinity
  if (t0 - last < MIN_REPEAT_S) return
  lastPlayed.set(name, t0)
  const recipe = RECIPES[name]
  const out = ctx.createGain()
  out.gain.value = s.volume * dbToGain(LEVEL_DB[recipe.level]) * (opts.gain ?? 1)
  let tail: AudioNode = out
  if (opts.pan !== undefined && ctx.createStereoPanner) {
    const panner = ctx.createStereoPanner()
    panner.pan.value = opts.pan
    out.connect(panner)
    tail = panner
  }
  tail.connect(ctx.destination)
  const pitch = opts.pitch ?? 1
  let end = t0
  for (const note of recipe.notes) {
    const osc = ctx.createOscillator()
    const env = ctx.createGain()
    osc.type = note.wave
    const start = t0 + note.at
    osc.frequency.setValueAtTime(note.freq * pitch, start)
    if (note.to) osc.frequency.exponentialRampToValueAtTime(note.to * pitch, start + note.dur)
    env.gain.setValueAtTime(0, start)
    env.gain.linearRampToValueAtTime(1, start + ATTACK_S)
    env.gain.exponentialRampToValueAtTime(0.001, start + note.dur)
    osc.connect(env).connect(out)
    osc.start(start)
    osc.stop(start + note.dur + 0.02)
    end = Math.max(end, start + note.dur)
  }
  if (recipe.noise && noiseBuffer) {
    const src = ctx.createBufferSource()
    src.buffer = noiseBuffer
    const filter = ctx.createBiquadFilter()
    filter.type = 'bandpass'
    filter.frequency.value = recipe.noise.filterHz
    const env = ctx.createGain()
    const start = t0 + recipe.noise.at
    env.gain.setValueAtTime(0.6, start)
    env.gain.exponentialRampToValueAtTime(0.001, start + recipe.noise.dur)
    src.connect(filter).connect(env).connect(out)
    src.start(start)
    src.stop(start + recipe.noise.dur + 0.02)
    end = Math.max(end, start + recipe.noise.dur)
  }
  // Free the per-sound nodes once it has played.
  setTimeout(() => tail.disconnect(), (end - t0 + 0.2) * 1000)
}

/** Hover tick: pitch rises with hex distance from the origin (C5 up to C6 at 8 hexes). */
export function playHover(distance: number): void {
  playSound('hover', { pitch: 1 + Math.min(1, distance / 8) })
}

/** Picking a palette colour plays a note that rises with the colour index; the eraser falls. */
export function playColorSelect(index: number): void {
  if (index < 0) playSound('despawn', { gain: 0.6 })
  else playSound('todo', { pitch: 2 ** (index / 6) })
}
