/**
 * A remote session whose host stopped answering: the card and the zone label say "reconnecting"
 * (attempt n) beside the host's name, keeping the session's last known state dimmed — neither
 * working nor offline —, and Settings › Hosts says the host is reconnecting and why. It follows
 * the core's `hosts` push: down, then back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen, within } from '@testing-library/react'
import type { HostEntry } from '@shared/hosts'
import { SessionList } from '../../../src/renderer/src/ui/sessions/SessionList'
import { HostsSettings } from '../../../src/renderer/src/ui/hosts/HostsSettings'
import { SceneOverlay } from '../../../src/renderer/src/scene/overlay/SceneOverlay'
import { useSceneStore } from '../../../src/renderer/src/scene/scene-store'
import { setPlacedZones, type PlacedZone } from '../../../src/renderer/src/scene/zone-registry'
import { workshopSim } from '../../../src/renderer/src/scene/sim/world-sim'
import { hexToWorld } from '../../../src/renderer/src/scene/hex'
import { hueSlotOfHex } from '../../../src/renderer/src/theme/session-palette'
import { useAppStore } from '../../../src/renderer/src/store'
import { installFakeApi, resetStore, session } from '../support/ui-harness'

const CONNECTED: HostEntry = {
  id: 'h_dev',
  label: 'devbox',
  target: 'ana@devbox.example',
  addedAt: 1,
  connection: 'connected',
  credentialsAvailable: [],
  sessions: 1,
  lastCheck: {
    status: 'ready',
    message: 'tmux 3.3a; round trip 20 ms',
    checkedAt: 1,
    latencyMs: 20,
  },
}
const DOWN: HostEntry = {
  ...CONNECTED,
  connection: 'reconnecting',
  reconnect: {
    attempt: 3,
    since: 1_000,
    nextTryAt: 3_000,
    error: 'no answer within 5 s',
  },
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

/** The core's `hosts` push, as the fake transport delivers it. */
let pushHosts: (hosts: HostEntry[]) => void = () => {}
let current: HostEntry[] = [CONNECTED]

beforeEach(() => {
  resetStore()
  current = [CONNECTED]
  installFakeApi({ 'hosts.list': () => ({ hosts: current }) }, (stream, cb) => {
    if (stream === 'hosts')
      pushHosts = (hosts) => {
        current = hosts
        ;(cb as (d: { hosts: HostEntry[] }) => void)({ hosts })
      }
    return () => {}
  })
  useAppStore.setState({ hosts: current })
  useAppStore.getState().setSessions([
    session({
      id: 'remote',
      name: 'trainer',
      hostId: 'h_dev',
      status: 'working',
      zone: { q: 0, r: 0 },
    }),
    session({ id: 'local', name: 'docs', order: 2, status: 'working', zone: { q: 1, r: 0 } }),
  ])
})
afterEach(() => {
  cleanup()
  workshopSim.retain([])
})

describe('a remote session while its host is reconnecting', () => {
  it('the card says reconnecting with the attempt, not working and not offline, and recovers', () => {
    render(<SessionList />)
    const remote = () => screen.getAllByTestId('session-card')[0]!
    const local = () => screen.getAllByTestId('session-card')[1]!
    expect(within(remote()).getByRole('button', { name: /^trainer, Working$/ })).toBeTruthy()

    act(() => pushHosts([DOWN]))
    const badge = within(remote()).getByTestId('host-badge')
    expect(badge).toHaveTextContent('devbox')
    expect(badge).toHaveTextContent('reconnecting · attempt 3')
    expect(badge.querySelector('svg.lucide-refresh-cw')).not.toBeNull()
    expect(badge.getAttribute('title')).toContain('The link is down: reconnecting, attempt 3')
    expect(within(remote()).getByRole('button', { name: /^trainer, Reconnecting$/ })).toBeTruthy()
    expect(remote().className).toContain('link-down')
    expect(within(remote()).queryByText(/offline/i)).toBeNull()
    // A local session is not touched by a host's link.
    expect(within(local()).getByRole('button', { name: /^docs, Working$/ })).toBeTruthy()

    act(() => pushHosts([CONNECTED]))
    expect(within(remote()).getByTestId('host-badge')).not.toHaveTextContent('reconnecting')
    expect(remote().className).not.toContain('link-down')
    expect(within(remote()).getByRole('button', { name: /^trainer, Working$/ })).toBeTruthy()
  })

  it('the zone label says reconnecting beside the host name', () => {
    useSceneStore.setState({ zones: [], cameraMode: 'overview', focusedSessionId: null })
    act(() => {
      const zones = [placed('remote', 0, 1), placed('local', 1, 2)]
      setPlacedZones(zones, zones)
    })
    render(<SceneOverlay />)
    act(() => pushHosts([DOWN]))
    const labels = screen.getAllByTestId('zone-label')
    const remote = labels.find((l) => l.dataset.session === 'remote')!
    const local = labels.find((l) => l.dataset.session === 'local')!
    expect(remote.dataset.link).toBe('reconnecting')
    expect(within(remote).getByTestId('host-badge')).toHaveTextContent('devbox · reconnecting')
    expect(remote.getAttribute('title')).toContain('reconnecting, attempt 3')
    expect(local.dataset.link).toBeUndefined()
  })

  it('Settings › Hosts shows the host reconnecting, the attempt and why the link was lost', async () => {
    current = [DOWN]
    useAppStore.setState({ hosts: current })
    render(<HostsSettings />)
    const health = await screen.findByTestId('host-health')
    expect(health).toHaveTextContent('Reconnecting (attempt 3)')
    expect(health).toHaveTextContent('1 session')
    expect(screen.getByTestId('host-link-error')).toHaveTextContent(
      'Link lost: no answer within 5 s',
    )
  })
})
