/**
 * The 3D workshop end to end: the built app in headless mode, headless Chromium with SwiftShader
 * WebGL, hook events replayed through the real hook endpoint. Each scenario saves a screenshot
 * under test-results/ and checks the canvas is not blank and the scene graph holds the expected
 * zones, labels, robots and subagents (window.__atelierScene).
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startSceneApp, type SceneApp } from './support/scene-app'
import { HANG_TIMEOUT_MS } from '../support/patience'
import {
  canvasStats,
  openScene,
  waitForScene,
  type SceneBrowser,
  type Snapshot,
} from './support/scene-browser'

const RESULTS = resolve(import.meta.dirname, '../../test-results')
/** The hex zone radius: a zone's objects lie within it. */
const ZONE_RADIUS = 10

let app: SceneApp
let browser: SceneBrowser

async function shot(name: string): Promise<void> {
  await browser.page.locator('canvas').screenshot({ path: join(RESULTS, `scene-${name}.png`) })
}

/** Waits until the canvas shows more than the background (software WebGL may lag the graph). */
async function assertNotBlank(minOff: number, minColors = 8): Promise<void> {
  const drawn = (s: Awaited<ReturnType<typeof canvasStats>>) =>
    s.width > 100 && s.height > 100 && s.offBackground > minOff && s.colors > minColors
  const stats = await pollUntil(() => canvasStats(browser.page), drawn)
  assert.ok(stats.width > 100 && stats.height > 100, `canvas is ${stats.width}x${stats.height}`)
  assert.ok(
    stats.offBackground > minOff,
    `only ${(stats.offBackground * 100).toFixed(2)}% of pixels differ from the background`,
  )
  assert.ok(stats.colors > minColors, `only ${stats.colors} distinct colours`)
}

/** Reads `read` until `done` holds or the hang bound passes; returns the last value either way. */
async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + HANG_TIMEOUT_MS
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > deadline) return value
    await new Promise((r) => setTimeout(r, 100))
  }
}

const cwd = (sid: string) => `/tmp/atelier-e2e/${sid}`
const hook = (sid: string, event: string, extra: Record<string, unknown> = {}) =>
  app.hook({ hook_event_name: event, session_id: sid, cwd: cwd(sid), ...extra })

function zoneOf(s: Snapshot, name: string) {
  const label = s.labels.find((l) => l.text?.endsWith(`  ${name}`) || l.text === name)
  return label ? s.zones.find((z) => z.id === label.id) : undefined
}

describe('3D workshop', () => {
  before(async () => {
    mkdirSync(RESULTS, { recursive: true })
    app = await startSceneApp()
    browser = await openScene(app.url)
  })
  after(async () => {
    await browser?.close()
    await app?.close()
  })

  it('shows an empty world: grid, no zones', async () => {
    const s = await waitForScene(browser.page, (x) => x.framesRendered > 0, 'a first frame')
    assert.equal(s.zones.length, 0)
    // Background, grid lines and particles only.
    await assertNotBlank(0.005, 1)
    await shot('empty-world')
    assert.deepEqual(browser.pageErrors, [])
  })

  it('shows three zones working at different stations', async () => {
    const plan = [
      ['w1', 'Read', { file_path: '/tmp/atelier-e2e/w1/src/index.ts' }, 'bookshelf'],
      ['w2', 'Bash', { command: 'npm test' }, 'terminal'],
      ['w3', 'Grep', { pattern: 'useFrame' }, 'scanner'],
    ] as const
    for (const [sid, tool, input] of plan) {
      await hook(sid, 'SessionStart', { source: 'startup' })
      await hook(sid, 'UserPromptSubmit', { prompt: 'work' })
      await hook(sid, 'PreToolUse', {
        tool_name: tool,
        tool_input: input,
        tool_use_id: `${sid}-t1`,
      })
    }
    const s = await waitForScene(
      browser.page,
      (x) =>
        plan.every(([sid, , , station]) => {
          const zone = zoneOf(x, sid)
          const robot = zone && x.robots.find((r) => r.id === zone.id)
          return robot?.station === station && robot.state === 'working'
        }),
      'three robots working at their stations',
    )
    for (const [sid, , , station] of plan) {
      const zone = zoneOf(s, sid)!
      assert.equal(zone.status, 'working')
      const label = s.labels.find((l) => l.id === zone.id)!
      assert.ok(label.visible, `label of ${sid} is visible`)
      assert.match(label.text ?? '', /^[1-9] {2}w\d$/)
      const st = s.stations.find((x) => x.id === `${zone.id}:${station}`)!
      const robot = s.robots.find((r) => r.id === zone.id)!
      const d = Math.hypot(robot.position[0] - st.position[0], robot.position[2] - st.position[2])
      assert.ok(d < 1.5, `${sid} robot stands at its ${station} (distance ${d.toFixed(2)})`)
    }
    assert.equal(
      new Set(s.zones.map((z) => z.position.join(','))).size,
      s.zones.length,
      'zones do not overlap',
    )
    await assertNotBlank(0.05)
    await shot('three-zones-working')
  })

  it('shows a zone waiting for permission', async () => {
    await hook('p1', 'SessionStart', { source: 'startup' })
    await hook('p1', 'PreToolUse', {
      tool_name: 'Bash',
      tool_input: { command: 'rm -rf build' },
      tool_use_id: 'p1-t1',
    })
    await hook('p1', 'Notification', {
      message: 'Claude needs your permission to use Bash',
      notification_type: 'permission_prompt',
    })
    const s = await waitForScene(
      browser.page,
      (x) => {
        const zone = zoneOf(x, 'p1')
        return zone?.status === 'permission' && !!x.labels.find((l) => l.id === zone.id)?.visible
      },
      'zone p1 needs permission, its label shown',
    )
    const zone = zoneOf(s, 'p1')!
    assert.ok(s.labels.find((l) => l.id === zone.id)?.visible)
    await assertNotBlank(0.05)
    await shot('waiting-for-permission')
  })

  it('shows two subagents at their own zone portal', async () => {
    await hook('a1', 'SessionStart', { source: 'startup' })
    await hook('a1', 'PreToolUse', {
      tool_name: 'Task',
      tool_input: { description: 'Explore the code' },
      tool_use_id: 'a1-t1',
    })
    await hook('a1', 'SubagentStart', { agent_id: 'agent-one', agent_type: 'Explore' })
    await hook('a1', 'SubagentStart', { agent_id: 'agent-two', agent_type: 'Plan' })
    const s = await waitForScene(
      browser.page,
      (x) => x.subagents.length === 2 && !!zoneOf(x, 'a1'),
      'two subagents',
    )
    const zone = zoneOf(s, 'a1')!
    const portal = s.stations.find((x) => x.id === `${zone.id}:portal`)!
    assert.deepEqual(s.subagents.map((x) => x.id).sort(), ['agent-one', 'agent-two'])
    for (const sub of s.subagents) {
      const toPortal = Math.hypot(
        sub.position[0] - portal.position[0],
        sub.position[2] - portal.position[2],
      )
      const toZone = Math.hypot(
        sub.position[0] - zone.position[0],
        sub.position[2] - zone.position[2],
      )
      assert.ok(toPortal < 3, `${sub.id} is at the portal (distance ${toPortal.toFixed(2)})`)
      assert.ok(toZone < ZONE_RADIUS, `${sub.id} is inside its zone`)
    }
    await shot('two-subagents')
    await hook('a1', 'SubagentStop', { agent_id: 'agent-one', agent_type: 'Explore' })
    await waitForScene(
      browser.page,
      (x) => x.subagents.length === 1 && x.subagents[0].id === 'agent-two',
      'one subagent left',
    )
  })

  it('shows a failure: red pill, robot back from the terminal', async () => {
    await hook('f1', 'SessionStart', { source: 'startup' })
    await hook('f1', 'PreToolUse', {
      tool_name: 'Bash',
      tool_input: { command: 'npm run build' },
      tool_use_id: 'f1-t1',
    })
    await waitForScene(browser.page, (x) => !!zoneOf(x, 'f1'), 'zone f1')
    await hook('f1', 'PostToolUseFailure', {
      tool_name: 'Bash',
      tool_input: { command: 'npm run build' },
      tool_use_id: 'f1-t1',
      error: 'Command failed with exit code 2',
    })
    const s = await waitForScene(
      browser.page,
      (x) => {
        const zone = zoneOf(x, 'f1')
        return !!zone && x.pills.some((p) => p.id.startsWith(`${zone.id}:`) && p.style === 'error')
      },
      'a red failure pill on f1',
      5_000,
    )
    const zone = zoneOf(s, 'f1')!
    const pill = s.pills.find((p) => p.id.startsWith(`${zone.id}:`) && p.style === 'error')!
    assert.match(pill.text ?? '', /^npm: Command failed/)
    await shot('failure')
    assert.deepEqual(browser.pageErrors, [])
  })

  it('follows the light theme: light background and floors', async () => {
    const corner = () =>
      browser.page.evaluate(() => {
        const canvas = document.querySelector('canvas') as HTMLCanvasElement
        const copy = document.createElement('canvas')
        copy.width = canvas.width
        copy.height = canvas.height
        const ctx = copy.getContext('2d')!
        ctx.drawImage(canvas, 0, 0)
        // Median brightness of a corner block: background, unless a grid line crosses it.
        const { data } = ctx.getImageData(0, 0, 9, 9)
        const lum: number[] = []
        for (let i = 0; i < data.length; i += 4) lum.push((data[i] + data[i + 1] + data[i + 2]) / 3)
        return lum.sort((a, b) => a - b)[lum.length >> 1]
      })
    const setTheme = (theme: string) =>
      browser.page.evaluate((t) => (document.documentElement.dataset.theme = t), theme)
    assert.ok((await corner()) < 40, 'dark background first')
    await setTheme('light')
    assert.ok((await pollUntil(corner, (l) => l > 180)) > 180, 'light background')
    await shot('light-theme')
    await setTheme('dark')
    assert.ok((await pollUntil(corner, (l) => l < 40)) < 40, 'dark again')
    assert.deepEqual(browser.pageErrors, [])
  })

  it('comes to rest: an idle workshop renders no frames', async () => {
    for (const sid of ['w1', 'w2', 'w3', 'p1', 'a1', 'f1']) await hook(sid, 'Stop', {})
    await hook('a1', 'SubagentStop', { agent_id: 'agent-two', agent_type: 'Plan' })
    // Idle behaviours play for 25 s after a robot goes idle; then everything rests.
    const deadline = Date.now() + 25_000 + HANG_TIMEOUT_MS
    let idleFrames = Infinity
    while (Date.now() < deadline) {
      const a = await browser.page.evaluate(() => window.__atelierScene!.framesRendered())
      await new Promise((r) => setTimeout(r, 2000))
      const b = await browser.page.evaluate(() => window.__atelierScene!.framesRendered())
      idleFrames = b - a
      if (idleFrames === 0) break
    }
    assert.equal(idleFrames, 0, 'frames rendered in 2 s of idleness')
  })
})
