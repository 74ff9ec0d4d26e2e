import { describe, expect, it } from 'vitest'
import { Color } from 'three'
import {
  STATUS_STYLES,
  STATUS_TONES,
  visualStatus,
  type VisualStatus,
} from '@renderer/scene/status-style'
import { floorLook } from '@renderer/scene/zone/floor-look'
import { SCENE_PALETTES } from '@renderer/scene/scene-theme'
import { NEEDS_YOU_STATES, SESSION_STATES } from '@shared/lifecycle'

/** A comparable description of a status's floor and border, for checking they all differ. */
function floorSignature(status: VisualStatus): string {
  const s = STATUS_STYLES[status]
  return [
    s.border.tone,
    s.border.style,
    s.border.strength,
    s.border.glow,
    s.band ? `${s.band.tone}/${s.band.style}` : '-',
    s.floor.tint,
    s.floor.pattern,
    s.floor.patternTone ?? '-',
  ].join('|')
}

const hueDeg = (hex: string) => new Color(hex).getHSL({ h: 0, s: 0, l: 0 }).h * 360

describe('status looks', () => {
  it('gives every status its own floor and border treatment', () => {
    const signatures = SESSION_STATES.map(floorSignature)
    expect(new Set(signatures).size).toBe(SESSION_STATES.length)
  })

  it('keeps them apart in each theme once turned into floor inputs', () => {
    for (const theme of ['dark', 'light'] as const) {
      const looks = SESSION_STATES.map((s) =>
        JSON.stringify(floorLook(s, theme, '#77aadd', SCENE_PALETTES[theme])),
      )
      expect(new Set(looks).size).toBe(SESSION_STATES.length)
    }
  })

  it('never tells two statuses apart by colour alone: shape differs too', () => {
    const shape = (s: (typeof SESSION_STATES)[number]) => {
      const st = STATUS_STYLES[s]
      return [
        st.border.style,
        st.border.tone,
        st.band?.style ?? '-',
        st.floor.pattern,
        st.chip?.icon ?? '-',
      ].join('|')
    }
    expect(new Set(SESSION_STATES.map(shape)).size).toBe(SESSION_STATES.length)
  })

  it('labels every status that needs saying with its own icon and word', () => {
    const chips = SESSION_STATES.map((s) => STATUS_STYLES[s].chip).filter((c) => c !== null)
    expect(new Set(chips.map((c) => c.icon)).size).toBe(chips.length)
    expect(new Set(chips.map((c) => c.text)).size).toBe(chips.length)
    // Only idle goes without a chip: nothing to say.
    expect(SESSION_STATES.filter((s) => !STATUS_STYLES[s].chip)).toEqual(['idle'])
  })

  it('never shows success in red', () => {
    const finished = STATUS_STYLES.finished
    expect(finished.band?.tone).toBe('emerald')
    expect(finished.chip?.tone).toBe('emerald')
    for (const theme of ['dark', 'light'] as const) {
      const h = hueDeg(STATUS_TONES.emerald[theme])
      expect(h).toBeGreaterThan(120)
      expect(h).toBeLessThan(175)
      expect(
        Math.min(hueDeg(STATUS_TONES.red[theme]), 360 - hueDeg(STATUS_TONES.red[theme])),
      ).toBeLessThan(15)
    }
    expect(STATUS_STYLES.failed.band?.tone).toBe('red')
  })

  it('pulses strongly exactly the states that need you; a failure briefly; success never', () => {
    const strong = SESSION_STATES.filter((s) => STATUS_STYLES[s].pulse === 'strong')
    expect(strong.sort()).toEqual(['permission', 'question', 'screen'])
    const subtle = SESSION_STATES.filter((s) => STATUS_STYLES[s].pulse === 'subtle')
    expect(subtle).toEqual(['failed'])
    expect(STATUS_STYLES.finished.pulse).toBeNull()
  })

  it('has one look per lifecycle state, read from the session', () => {
    expect([...SESSION_STATES]).toEqual([...SESSION_STATES])
    for (const status of SESSION_STATES) expect(visualStatus({ status })).toBe(status)
  })

  it('is never red nor strongly pulsing for a success; only the needs-you states pulse strongly', () => {
    expect(STATUS_STYLES.finished.band?.tone).toBe('emerald')
    expect(STATUS_STYLES.finished.floor.patternTone).not.toBe('red')
    const strong = SESSION_STATES.filter((s) => STATUS_STYLES[s].pulse === 'strong')
    expect(new Set(strong)).toEqual(NEEDS_YOU_STATES)
  })
})
