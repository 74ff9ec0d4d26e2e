/**
 * A canvas that changes shape (a panel opens, the attention bar appears) frames the current view
 * again; that is the camera's move, not the user's focus. Treating it as a focus marked the zone
 * in view as seen, so its finished turn left the attention queue with nobody looking (the fleet
 * e2e saw the "finished" item vanish when the bar appeared on a loaded machine).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  focusZone,
  onZoneFocus,
  overview,
  reframe,
  registerCameraRig,
} from '../../../src/renderer/src/scene/camera-actions'
import {
  closeUpView,
  overviewView,
  type Lens,
  type View,
} from '../../../src/renderer/src/scene/camera-views'
import { useSceneStore } from '../../../src/renderer/src/scene/scene-store'
import { setPlacedZones, type PlacedZone } from '../../../src/renderer/src/scene/zone-registry'
import { hexToWorld } from '../../../src/renderer/src/scene/hex'
import { hueSlotOfHex } from '../../../src/renderer/src/theme/session-palette'

let lens: Lens
let flights: View[]
let focused: string[]
let offFocus: () => void

function zone(id: string, q: number, r: number, hotkey: number): PlacedZone {
  const w = hexToWorld({ q, r })
  return {
    sessionId: id,
    hex: { q, r },
    x: w.x,
    z: w.z,
    hue: hueSlotOfHex({ q, r }),
    hotkey,
    elevation: 0,
  }
}
const zones = [zone('a', 0, 0, 1), zone('b', 1, 0, 2)]

beforeEach(() => {
  lens = { fovDeg: 45, aspect: 1.6 }
  flights = []
  focused = []
  useSceneStore.setState({ cameraMode: 'overview', focusedSessionId: null })
  registerCameraRig({ fly: (view) => flights.push(view), lens: () => lens })
  setPlacedZones(zones, [])
  offFocus = onZoneFocus((id) => focused.push(id))
})
afterEach(() => {
  offFocus()
  registerCameraRig(null)
  setPlacedZones([], [])
})

describe('reframing after the canvas changes shape', () => {
  it('flies to the focused zone for the new aspect without focusing it again', () => {
    focusZone('b')
    expect(focused).toEqual(['b'])
    lens = { fovDeg: 45, aspect: 0.9 }
    reframe()
    expect(flights.at(-1)).toEqual(closeUpView(zones[1]!, lens))
    // No second focus: the user did not look again, so nothing is marked seen or greeted.
    expect(focused).toEqual(['b'])
    expect(useSceneStore.getState()).toMatchObject({ cameraMode: 'focused', focusedSessionId: 'b' })
  })

  it('frames every zone again in the overview', () => {
    overview()
    lens = { fovDeg: 45, aspect: 2.4 }
    reframe()
    expect(flights.at(-1)).toEqual(overviewView(zones, lens))
    expect(focused).toEqual([])
  })
})
