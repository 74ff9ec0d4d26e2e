/**
 * The two attention cues in the workshop: "finished" (stop) and "needs you" (notification) each
 * come from their session's zone, and each is switched off on its own in Settings → Sound; other
 * sounds follow neither switch, and global ones play unplaced.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SETTINGS } from '@shared/settings'
import { useAppStore } from '../../../src/renderer/src/store'
import { placedZones } from '../../../src/renderer/src/scene/zone-registry'
import type { PlacedZone } from '../../../src/renderer/src/scene/zone-registry'

const played = vi.hoisted(() => [] as { name: string; opts?: { gain?: number; pan?: number } }[])
vi.mock('../../../src/renderer/src/audio/sound-engine', () => ({
  playSound: (name: string, opts?: { gain?: number; pan?: number }) => played.push({ name, opts }),
  spatialEnabled: () => useAppStore.getState().settings?.sound.spatial ?? true,
}))
const { playZoneSound, setListener } = await import('../../../src/renderer/src/audio/scene-sounds')

function zone(sessionId: string, x: number, z: number): PlacedZone {
  return { sessionId, x, z, elevation: 0, hotkey: 1, hue: 0 } as unknown as PlacedZone
}

function sound(patch: Partial<typeof DEFAULT_SETTINGS.sound>) {
  useAppStore.setState({
    settings: { ...DEFAULT_SETTINGS, sound: { ...DEFAULT_SETTINGS.sound, ...patch } },
  })
}

beforeEach(() => {
  played.length = 0
  sound({})
  placedZones.clear()
  // A zone to the listener's right (the camera looks along +z): its sounds pan right.
  placedZones.set('right', zone('right', 20, 0))
  setListener({ x: 0, z: 0, yaw: 0 })
})
afterEach(() => placedZones.clear())

describe('attention cues in the workshop', () => {
  it('both cues come from the zone of the session they are about', () => {
    playZoneSound('notification', 'right')
    playZoneSound('stop', 'right')
    expect(played.map((p) => p.name)).toEqual(['notification', 'stop'])
    for (const p of played) {
      expect(p.opts?.pan).toBeGreaterThan(0.5)
      expect(p.opts?.gain).toBeLessThan(1)
    }
  })

  it('each cue is switched off on its own; other sounds follow neither switch', () => {
    sound({ needsYouCue: false })
    playZoneSound('notification', 'right')
    playZoneSound('stop', 'right')
    sound({ finishedCue: false })
    playZoneSound('notification', 'right')
    playZoneSound('stop', 'right')
    sound({ needsYouCue: false, finishedCue: false })
    playZoneSound('error', 'right')
    expect(played.map((p) => p.name)).toEqual(['stop', 'notification', 'error'])
  })

  it('global sounds, and any sound with spatial audio off, play unplaced', () => {
    playZoneSound('git_commit', 'right')
    sound({ spatial: false })
    playZoneSound('notification', 'right')
    expect(played).toEqual([
      { name: 'git_commit', opts: undefined },
      { name: 'notification', opts: undefined },
    ])
  })
})
