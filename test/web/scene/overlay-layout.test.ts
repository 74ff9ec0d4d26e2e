import { describe, expect, it } from 'vitest'
import {
  aboveCandidates,
  intersects,
  layoutLabels,
  type LabelRequest,
  type Rect,
} from '@renderer/scene/overlay/label-layout'
import { layoutPanels, type PanelRequest } from '@renderer/scene/overlay/panel-layout'
import { shortBranch } from '@renderer/scene/overlay/branch-name'

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const view = { w: 1000, h: 700 }

describe('label layout', () => {
  it('keeps a label at its first choice when nothing is in the way', () => {
    const out = layoutLabels(
      [{ id: 'a', candidates: aboveCandidates(500, 300, 120, 30), required: true }],
      [],
      view,
    )
    expect(out.get('a')).toEqual({ x: 440, y: 270, w: 120, h: 30 })
  })

  it('moves a label off a robot, and never onto another label', () => {
    const robot: Rect = { x: 470, y: 250, w: 60, h: 80 }
    const out = layoutLabels(
      [
        { id: 'a', candidates: aboveCandidates(500, 300, 120, 30), required: true },
        { id: 'b', candidates: aboveCandidates(520, 290, 120, 30), required: true },
      ],
      [robot],
      view,
    )
    const a = out.get('a')!
    const b = out.get('b')!
    expect(intersects(a, robot)).toBe(false)
    expect(intersects(b, robot)).toBe(false)
    expect(intersects(a, b)).toBe(false)
  })

  it('moves a label sideways only as far as it must to clear a robot', () => {
    // A tall robot just right of the label's first place: every upward step still touches it.
    const robot: Rect = { x: 540, y: 150, w: 60, h: 200 }
    const out = layoutLabels(
      [{ id: 'a', candidates: aboveCandidates(500, 300, 120, 30), required: true }],
      [robot],
      view,
    )
    const a = out.get('a')!
    expect(intersects(a, robot)).toBe(false)
    // A quarter of its width to the left, not a whole half plus a gap.
    expect(a.x).toBe(500 - 60 - 30)
  })

  it('hides an optional label that has nowhere to go, keeps a required one', () => {
    const wall: Rect = { x: 0, y: 0, w: 1000, h: 700 }
    const req = (id: string, required: boolean): LabelRequest => ({
      id,
      candidates: aboveCandidates(500, 300, 100, 20),
      required,
    })
    const out = layoutLabels([req('zone', true), req('station', false)], [wall], view)
    expect(out.get('zone')).not.toBeNull()
    expect(out.get('station')).toBeNull()
  })

  it('places crowded labels without overlaps, robots or each other (500 random scenes)', () => {
    const rnd = random(7)
    for (let scene = 0; scene < 500; scene++) {
      const robots: Rect[] = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => ({
        x: rnd() * 900,
        y: rnd() * 600,
        w: 20 + rnd() * 40,
        h: 30 + rnd() * 60,
      }))
      const requests: LabelRequest[] = Array.from(
        { length: 2 + Math.floor(rnd() * 12) },
        (_, i) => ({
          id: `l${i}`,
          candidates: aboveCandidates(rnd() * 1000, rnd() * 700, 60 + rnd() * 120, 18 + rnd() * 20),
          required: false,
        }),
      )
      const out = [...layoutLabels(requests, robots, view).values()].filter(
        (r): r is Rect => r !== null,
      )
      for (const r of out) {
        for (const robot of robots) expect(intersects(r, robot)).toBe(false)
        expect(r.x >= 0 && r.y >= 0 && r.x + r.w <= view.w && r.y + r.h <= view.h).toBe(true)
      }
      for (let i = 0; i < out.length; i++)
        for (let j = i + 1; j < out.length; j++) expect(intersects(out[i], out[j])).toBe(false)
    }
  })
})

describe('panel layout', () => {
  it('stacks panels beside the zone without overlaps (500 random zones and panes)', () => {
    const rnd = random(11)
    for (let scene = 0; scene < 500; scene++) {
      const v = { w: 500 + rnd() * 1200, h: 400 + rnd() * 600 }
      const zw = 100 + rnd() * v.w
      const zone: Rect = { x: rnd() * (v.w - zw * 0.5), y: rnd() * v.h * 0.5, w: zw, h: zw * 0.6 }
      const panels: PanelRequest[] = Array.from({ length: 8 }, (_, i) => ({
        id: `p${i}`,
        x: zone.x + rnd() * zone.w,
        y: zone.y + rnd() * zone.h,
        w: 200,
        h: 40 + Math.floor(rnd() * 3) * 16,
      }))
      const placed = layoutPanels(panels, zone, v)
      expect(placed).toHaveLength(8)
      for (let i = 0; i < placed.length; i++)
        for (let j = i + 1; j < placed.length; j++)
          expect(intersects(placed[i].rect, placed[j].rect)).toBe(false)
    }
  })

  it('puts each panel on its station side and joins it to the station', () => {
    const zone: Rect = { x: 400, y: 200, w: 300, h: 200 }
    const placed = layoutPanels(
      [
        { id: 'left', x: 420, y: 300, w: 150, h: 50 },
        { id: 'right', x: 680, y: 300, w: 150, h: 50 },
      ],
      zone,
      { w: 1200, h: 700 },
    )
    const left = placed.find((p) => p.id === 'left')!
    const right = placed.find((p) => p.id === 'right')!
    expect(left.rect.x + left.rect.w).toBeLessThanOrEqual(zone.x)
    expect(right.rect.x).toBeGreaterThanOrEqual(zone.x + zone.w)
    expect(left.to).toEqual({ x: 420, y: 300 })
    expect(left.from.x).toBe(left.rect.x + left.rect.w)
  })
})

describe('branch names on the zone label', () => {
  it('keeps short names, shortens long ones around an ellipsis', () => {
    expect(shortBranch('main')).toBe('main')
    const long = shortBranch('feature/streaming-responses-for-long-running-jobs')
    expect(long.length).toBe(24)
    expect(long.startsWith('feature/stream')).toBe(true)
    expect(long.endsWith('-jobs')).toBe(true)
    expect(long).toContain('\u2026')
  })
})
