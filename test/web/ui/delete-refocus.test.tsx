/**
 * Deleting the session in view moves the selection and the camera to a remaining session (the
 * most recently active), or to the overview when none remain; never left on the empty hex.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { Session } from '@shared/sessions'
import { DialogHost } from '../../../src/renderer/src/ui/dialogs/DialogHost'
import { selectSession } from '../../../src/renderer/src/ui/commands'
import { installRefocusAfterDelete } from '../../../src/renderer/src/ui/sessions/refocus-after-delete'
import { useAppStore } from '../../../src/renderer/src/store'
import { registerCameraRig } from '../../../src/renderer/src/scene/camera-actions'
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
import { installFakeApi, resetStore, session } from '../support/ui-harness'

const LENS: Lens = { fovDeg: 45, aspect: 1.6 }
let flights: View[]
let pushSessions: (sessions: Session[]) => void
let uninstall: () => void

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

beforeEach(() => {
  resetStore()
  useSceneStore.setState({ cameraMode: 'overview', focusedSessionId: null })
  flights = []
  registerCameraRig({ fly: (view) => flights.push(view), lens: () => LENS })
  installFakeApi(
    {
      // The core answers, then pushes the session list without the deleted one.
      'sessions.delete': (req) => {
        const { id } = req as { id: string }
        pushSessions(useAppStore.getState().sessions.filter((s) => s.id !== id))
        return { ok: true }
      },
    },
    (stream, cb) => {
      if (stream === 'sessions')
        pushSessions = (sessions) => (cb as (d: { sessions: Session[] }) => void)({ sessions })
      return () => {}
    },
  )
  uninstall = installRefocusAfterDelete()
})
afterEach(() => {
  cleanup()
  uninstall()
  registerCameraRig(null)
  setPlacedZones([], [])
})

async function deleteFromDialog(id: string): Promise<void> {
  act(() => useAppStore.getState().openDialog({ kind: 'delete', sessionId: id }))
  await userEvent.click(await screen.findByRole('button', { name: 'Delete session' }))
}

describe('deleting the session in view', () => {
  it('moves selection and camera to the most recently active session left', async () => {
    const zones = [zone('a', 0, 0, 1), zone('b', 1, 0, 2), zone('c', -1, 0, 3)]
    act(() => {
      useAppStore
        .getState()
        .setSessions([
          session({ id: 'a', name: 'alpha', order: 1, lastActivity: 3_000, zone: { q: 0, r: 0 } }),
          session({ id: 'b', name: 'beta', order: 2, lastActivity: 1_000, zone: { q: 1, r: 0 } }),
          session({ id: 'c', name: 'gamma', order: 3, lastActivity: 2_000, zone: { q: -1, r: 0 } }),
        ])
      setPlacedZones(zones, zones)
    })
    render(<DialogHost />)
    act(() => selectSession('a'))
    expect(useSceneStore.getState().focusedSessionId).toBe('a')

    await deleteFromDialog('a')

    expect(useAppStore.getState().sessions.map((s) => s.id)).toEqual(['b', 'c'])
    expect(useAppStore.getState().selectedSessionId).toBe('c')
    expect(useAppStore.getState().feedFilter).toBe('c')
    expect(useSceneStore.getState()).toMatchObject({ cameraMode: 'focused', focusedSessionId: 'c' })
    expect(flights.at(-1)!.target).toEqual(closeUpView(zones[2], LENS).target)
  })

  it('a session deleted while another is in view changes neither', async () => {
    const zones = [zone('a', 0, 0, 1), zone('b', 1, 0, 2)]
    act(() => {
      useAppStore
        .getState()
        .setSessions([
          session({ id: 'a', name: 'alpha', order: 1, zone: { q: 0, r: 0 } }),
          session({ id: 'b', name: 'beta', order: 2, zone: { q: 1, r: 0 } }),
        ])
      setPlacedZones(zones, zones)
    })
    render(<DialogHost />)
    act(() => selectSession('a'))
    const flown = flights.length

    await deleteFromDialog('b')

    expect(useAppStore.getState().selectedSessionId).toBe('a')
    expect(useSceneStore.getState().focusedSessionId).toBe('a')
    expect(flights).toHaveLength(flown)
  })

  it('the last one deleted: the overview, nothing selected', async () => {
    const zones = [zone('a', 3, -1, 1)]
    act(() => {
      useAppStore
        .getState()
        .setSessions([session({ id: 'a', name: 'alpha', order: 1, zone: { q: 3, r: -1 } })])
      setPlacedZones(zones, zones)
    })
    render(<DialogHost />)
    act(() => selectSession('a'))

    await deleteFromDialog('a')

    expect(useAppStore.getState().sessions).toEqual([])
    expect(useAppStore.getState().selectedSessionId).toBeNull()
    expect(useSceneStore.getState()).toMatchObject({
      cameraMode: 'overview',
      focusedSessionId: null,
    })
    // Framed without the deleted zone the scene has not taken off yet: not the empty hex.
    expect(flights.at(-1)!.target).toEqual(overviewView([], LENS).target)
    expect(flights.at(-1)!.target).not.toEqual(overviewView(zones, LENS).target)
  })
})
