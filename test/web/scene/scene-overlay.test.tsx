import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen, within } from '@testing-library/react'
import { DEFAULT_SETTINGS } from '@shared/settings'
import type { GitStatus } from '@shared/git'
import { useAppStore } from '@renderer/store'
import { SceneOverlay } from '@renderer/scene/overlay/SceneOverlay'
import { useSceneStore } from '@renderer/scene/scene-store'
import { setPlacedZones, type PlacedZone } from '@renderer/scene/zone-registry'
import { workshopSim } from '@renderer/scene/sim/world-sim'
import { notifyZoneChanges } from '@renderer/scene/sim/zone-subscriptions'
import { hexToWorld } from '@renderer/scene/hex'
import { hueSlotOfHex } from '@renderer/theme/session-palette'
import { makeSession } from '../../support/session-fixture'
import { PerspectiveCamera } from 'three'
import { projectOverlay } from '@renderer/scene/overlay/OverlayProjector'
import { addPendingZone, resolvePendingZone } from '@renderer/scene/scene-store'

function placed(id: string, q: number, r: number, hotkey: number): PlacedZone {
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

const git = (branch: string, added: number, removed: number): GitStatus =>
  ({
    isRepo: true,
    branch,
    head: 'abc',
    detached: false,
    files: added + removed > 0 ? [{ path: 'a', index: ' ', worktree: 'M' }] : [],
    linesAdded: added,
    linesRemoved: removed,
  }) as unknown as GitStatus

beforeEach(() => {
  useAppStore.setState({
    sessions: [],
    git: {},
    settings: DEFAULT_SETTINGS,
    selectedSessionId: null,
  })
  useSceneStore.setState({
    zones: [],
    cameraMode: 'overview',
    focusedSessionId: null,
    panelsVisible: false,
  })
})
afterEach(() => {
  cleanup()
  workshopSim.retain([])
})

describe('scene overlay', () => {
  it('invites on an empty workshop, and only then', () => {
    render(<SceneOverlay />)
    const card = screen.getByTestId('first-run')
    // Hidden until the canvas places it (no canvas here), so queried with hidden elements.
    expect(within(card).getByText('Start a session').closest('button')).toBeInTheDocument()
    expect(card).toHaveTextContent(/Settings → Hooks/)
    act(() => useAppStore.setState({ sessions: [makeSession('a')] }))
    expect(screen.queryByTestId('first-run')).toBeNull()
  })

  it('opens the new-session dialog for the centre hex from the invitation', () => {
    render(<SceneOverlay />)
    act(() => screen.getByText('Start a session').closest('button')!.click())
    expect(useAppStore.getState().dialogs.at(-1)).toEqual({
      kind: 'newSession',
      zone: { q: 0, r: 0 },
    })
  })

  it('labels each zone: hotkey, name, status chip, git in its session colour', () => {
    const a = makeSession('a', { name: 'api-server', status: 'working', zone: { q: 0, r: 0 } })
    const b = makeSession('b', { name: 'docs-site', status: 'failed', zone: { q: 1, r: 0 } })
    useAppStore.setState({
      sessions: [a, b],
      git: {
        a: git('feature/streaming-responses-for-long-running-jobs', 42, 7),
        b: git('main', 0, 0),
      },
    })
    act(() => {
      setPlacedZones(
        [placed('a', 0, 0, 1), placed('b', 1, 0, 2)],
        [placed('a', 0, 0, 1), placed('b', 1, 0, 2)],
      )
    })
    render(<SceneOverlay />)
    const [la, lb] = screen.getAllByTestId('zone-label')
    expect(la).toHaveAttribute('data-text', '1  api-server')
    expect(la).toHaveAttribute('data-status', 'working')
    expect(la).toHaveTextContent('Working')
    expect(la.style.getPropertyValue('--zone-color')).toBe(
      `var(--session-${hueSlotOfHex({ q: 0, r: 0 })})`,
    )
    const gitA = within(la).getByTestId('zone-git')
    expect(gitA).toHaveTextContent('feature/stream\u2026ning-jobs+42/\u22127')
    expect(gitA.getAttribute('title')).toContain(
      'feature/streaming-responses-for-long-running-jobs',
    )
    expect(lb).toHaveAttribute('data-status', 'failed')
    expect(lb).toHaveTextContent('Failed')
    expect(within(lb).getByTestId('zone-git')).toHaveTextContent('main\u2713')
  })

  it('follows the session state: permission, then a question', () => {
    const s = makeSession('w', { name: 'web', status: 'permission', zone: { q: 0, r: 0 } })
    useAppStore.setState({ sessions: [s] })
    act(() => setPlacedZones([placed('w', 0, 0, 1)], [placed('w', 0, 0, 1)]))
    render(<SceneOverlay />)
    expect(screen.getByTestId('zone-label')).toHaveTextContent('Needs permission')
    act(() => useAppStore.setState({ sessions: [{ ...s, status: 'question' }] }))
    expect(screen.getByTestId('zone-label')).toHaveTextContent('Question')
  })

  it('names the stations of the focused zone, and shows its panels with P', () => {
    const s = makeSession('f', { name: 'focus', status: 'idle', zone: { q: 0, r: 0 } })
    useAppStore.setState({ sessions: [s] })
    act(() => setPlacedZones([placed('f', 0, 0, 1)], [placed('f', 0, 0, 1)]))
    render(<SceneOverlay />)
    expect(screen.queryAllByTestId('station-label')).toHaveLength(0)
    act(() => useSceneStore.setState({ cameraMode: 'focused', focusedSessionId: 'f' }))
    expect(screen.getAllByTestId('station-label')).toHaveLength(8)
    act(() => useSceneStore.setState({ panelsVisible: true }))
    expect(screen.getAllByTestId('station-panel')).toHaveLength(8)
    expect(screen.getAllByTestId('station-panel')[0]).toHaveTextContent('No activity yet')
  })

  it('shows a call still open at its station above the finished ones', () => {
    const s = makeSession('f', { name: 'focus', status: 'working', zone: { q: 0, r: 0 } })
    useAppStore.setState({ sessions: [s] })
    act(() => setPlacedZones([placed('f', 0, 0, 1)], [placed('f', 0, 0, 1)]))
    useSceneStore.setState({ cameraMode: 'focused', focusedSessionId: 'f', panelsVisible: true })
    render(<SceneOverlay />)
    const base = { agent: 'claude' as const, sessionId: 'f', ts: 0, tool: 'Bash' }
    act(() => {
      workshopSim.ingest(
        [
          {
            ...base,
            id: 'e1',
            type: 'tool.start',
            toolUseId: 'a',
            input: { command: 'npm run build' },
          },
          {
            ...base,
            id: 'e2',
            type: 'tool.end',
            toolUseId: 'a',
            input: { command: 'npm run build' },
            success: true,
          },
          { ...base, id: 'e3', type: 'tool.start', toolUseId: 'b', input: { command: 'npm test' } },
        ],
        false,
      )
      notifyZoneChanges()
    })
    const terminal = screen
      .getAllByTestId('station-panel')
      .find((p) => p.dataset.station === 'terminal')!
    const rows = terminal.querySelectorAll('.station-panel-row')
    expect([...rows].map((r) => [r.classList.contains('open'), r.textContent])).toEqual([
      [true, 'npm test'],
      [false, 'npm'],
    ])
  })

  it('makes a zone label compact when the zone is small on screen: the word only for a status that asks', () => {
    const a = makeSession('a', { name: 'api-server', status: 'working', zone: { q: 0, r: 0 } })
    const b = makeSession('b', { name: 'docs-site', status: 'permission', zone: { q: 1, r: 0 } })
    useAppStore.setState({ sessions: [a, b], git: { a: git('main', 3, 1) } })
    act(() => {
      const zones = [placed('a', 0, 0, 1), placed('b', 1, 0, 2)]
      setPlacedZones(zones, zones)
    })
    render(<SceneOverlay />)
    const view = { w: 1000, h: 700 }
    const lookFrom = (height: number) => {
      const camera = new PerspectiveCamera(50, view.w / view.h, 0.1, 1000)
      camera.position.set(0, height, height * 0.7)
      camera.lookAt(0, 0, 0)
      camera.updateMatrixWorld()
      projectOverlay(camera, view.w, view.h)
    }
    const [la, lb] = screen.getAllByTestId('zone-label')
    // Near: a zone some 400 px wide, full labels.
    lookFrom(25)
    expect(la).not.toHaveAttribute('data-compact')
    // Far: a zone narrower than twice COMPACT_LABEL_ZONE_PX.
    lookFrom(140)
    expect(la).toHaveAttribute('data-compact')
    expect(lb).toHaveAttribute('data-compact')
    // The CSS hides the git line and the chip word of a chip without `asks`.
    expect(la.querySelector('.zone-chip')).not.toHaveClass('asks')
    expect(lb.querySelector('.zone-chip')).toHaveClass('asks')
    // The tooltip keeps what compact hides.
    expect(la.getAttribute('title')).toBe('api-server · Working · main — 3 added, 1 removed')
    lookFrom(25)
    expect(la).not.toHaveAttribute('data-compact')
  })

  it('labels a zone being created with crisp HTML, "not responding" once it times out', () => {
    render(<SceneOverlay />)
    let id = ''
    act(() => {
      id = addPendingZone({ q: 1, r: 0 }, 'billing')
    })
    const label = screen.getByTestId('pending-label')
    expect(label).toHaveTextContent('Starting billing\u2026')
    // A zone being created is not an empty workshop: no invitation beside it.
    expect(screen.queryByTestId('first-run')).toBeNull()
    act(() =>
      useSceneStore.setState((s) => ({
        pendingZones: s.pendingZones.map((z) => ({ ...z, timedOut: true })),
      })),
    )
    expect(screen.getByTestId('pending-label')).toHaveTextContent('billing: not responding')
    expect(screen.getByTestId('pending-label')).toHaveClass('timed-out')
    act(() => resolvePendingZone(id))
    expect(screen.queryByTestId('pending-label')).toBeNull()
  })
})
