/** A remote session's card and zone label name its host (lucide Server icon); local ones do not. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen, within } from '@testing-library/react'
import type { HostEntry } from '@shared/hosts'
import { SessionList } from '../../../src/renderer/src/ui/sessions/SessionList'
import { SceneOverlay } from '../../../src/renderer/src/scene/overlay/SceneOverlay'
import { useSceneStore } from '../../../src/renderer/src/scene/scene-store'
import { setPlacedZones, type PlacedZone } from '../../../src/renderer/src/scene/zone-registry'
import { workshopSim } from '../../../src/renderer/src/scene/sim/world-sim'
import { hexToWorld } from '../../../src/renderer/src/scene/hex'
import { hueSlotOfHex } from '../../../src/renderer/src/theme/session-palette'
import { useAppStore } from '../../../src/renderer/src/store'
import { installFakeApi, resetStore, session } from '../support/ui-harness'

const DEVBOX: HostEntry = {
  id: 'h_dev',
  label: 'devbox',
  target: 'ana@devbox.example',
  addedAt: 1,
  connection: 'connected',
  sessions: 1,
  credentialsAvailable: [],
  lastCheck: null,
}

function placed(id: string, q: number, hotkey: number): PlacedZone {
  const w = hexToWorld({ q, r: 0 })
  return {
    sessionId: id,
    hex: { q, r: 0 },
    x: w.x,
    z: w.z,
    hue: hueSlotOfHex({ q, r: 0 }),
    hotkey,
    elevation: 0,
  }
}

beforeEach(() => {
  resetStore()
  installFakeApi({ 'hosts.list': () => ({ hosts: [DEVBOX] }) })
  useAppStore.setState({ hosts: [DEVBOX] })
  useAppStore.getState().setSessions([
    session({ id: 'remote', name: 'trainer', hostId: 'h_dev', zone: { q: 0, r: 0 } }),
    session({ id: 'local', name: 'docs', order: 2, zone: { q: 1, r: 0 } }),
    session({
      id: 'observed',
      name: 'by-hand',
      kind: 'observed',
      hostId: 'h_dev',
      order: 3,
      zone: { q: 2, r: 0 },
    }),
  ])
})
afterEach(() => {
  cleanup()
  workshopSim.retain([])
})

describe('host badge', () => {
  it('on the card of a remote session only, with the host and its target on hover', () => {
    render(<SessionList />)
    const [remote, local] = screen
      .getAllByTestId('session-card')
      .filter((c) => /trainer|docs/.test(c.textContent ?? ''))
    const badge = within(remote!).getByTestId('host-badge')
    expect(badge).toHaveTextContent('devbox')
    expect(badge).toHaveAttribute('title', 'Runs on devbox (ana@devbox.example)')
    expect(badge.querySelector('svg.lucide-server')).not.toBeNull()
    expect(within(local!).queryByTestId('host-badge')).toBeNull()
  })

  it('on the zone label of a remote session only', () => {
    useSceneStore.setState({ zones: [], cameraMode: 'overview', focusedSessionId: null })
    act(() => {
      const zones = [placed('remote', 0, 1), placed('local', 1, 2)]
      setPlacedZones(zones, zones)
    })
    render(<SceneOverlay />)
    const labels = screen.getAllByTestId('zone-label')
    const remote = labels.find((l) => l.dataset.session === 'remote')!
    const local = labels.find((l) => l.dataset.session === 'local')!
    expect(within(remote).getByTestId('host-badge')).toHaveTextContent('devbox')
    expect(remote.getAttribute('title')).toContain('Runs on devbox')
    expect(within(local).queryByTestId('host-badge')).toBeNull()
  })

  it('on the card and zone label of a session observed on the host (started there by hand)', () => {
    render(<SessionList />)
    const card = screen
      .getAllByTestId('session-card')
      .find((c) => (c.textContent ?? '').includes('by-hand'))!
    const badge = within(card).getByTestId('host-badge')
    expect(badge).toHaveTextContent('devbox')
    expect(badge).toHaveAttribute('title', 'Started by hand on devbox (ana@devbox.example)')
    expect(badge.querySelector('svg.lucide-server')).not.toBeNull()
    cleanup()

    useSceneStore.setState({ zones: [], cameraMode: 'overview', focusedSessionId: null })
    act(() => {
      const zones = [placed('observed', 2, 3)]
      setPlacedZones(zones, zones)
    })
    render(<SceneOverlay />)
    const label = screen.getAllByTestId('zone-label').find((l) => l.dataset.session === 'observed')!
    expect(within(label).getByTestId('host-badge')).toHaveTextContent('devbox')
    expect(label.getAttribute('title')).toContain('Started by hand on devbox')
  })
})
