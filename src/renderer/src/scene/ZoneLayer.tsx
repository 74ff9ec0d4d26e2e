/**
 * Places one Zone per session: stored hex or next free spiral cell, persisted back through
 * `sessions.update` for sessions without one. New zones are built a few per frame after the
 * feed has painted (mount-gate.ts). Keeps a removed session's zone for its exit animation, then
 * lets it unmount (which disposes what it owned). When the focused zone goes away the camera
 * returns to the overview.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Session } from '@shared/sessions'
import { useAppStore } from '../store'
import { core } from '../transport'
import { ZONE_EXIT_S } from './constants'
import { hexKey, type Hex } from './hex'
import { elevationAt, placeZones } from './layout'
import { useSceneStore } from './scene-store'
import { nowSeconds } from './sim/clock'
import { workshopSim } from './sim/world-sim'
import { notifyZoneChanges } from './sim/zone-subscriptions'
import { overview } from './camera-actions'
import { useMountGate } from './mount-gate'
import { setPlacedZones, type PlacedZone } from './zone-registry'
import { Zone } from './zone/Zone'

interface Exiting {
  zone: PlacedZone
  session: Session
  since: number
}

export function ZoneLayer() {
  const sessions = useAppStore((s) => s.sessions)
  const hexes = useAppStore((s) => s.hexes)
  const pendingHexes = useSceneStore(useShallow((s) => s.pendingZones.map((p) => p.hex)))
  const assigned = useRef(new Map<string, Hex>())
  const persisted = useRef(new Set<string>())
  const [exiting, setExiting] = useState<Exiting[]>([])
  const previous = useRef(new Map<string, { zone: PlacedZone; session: Session }>())
  const exitTimers = useRef(new Set<ReturnType<typeof setTimeout>>())
  useEffect(() => {
    const timers = exitTimers.current
    return () => timers.forEach(clearTimeout)
  }, [])

  const placed = useMemo(() => {
    const list = placeZones(sessions, assigned.current, pendingHexes)
    return list.map((p) => ({ ...p, elevation: elevationAt(hexes, p.hex) }))
  }, [sessions, pendingHexes, hexes])

  const placedIds = useMemo(() => placed.map((p) => p.sessionId), [placed])
  const built = useMountGate(placedIds)
  const shown = useMemo(() => {
    const ids = new Set(built)
    return placed.filter((p) => ids.has(p.sessionId))
  }, [placed, built])

  useEffect(() => setPlacedZones(placed, shown), [placed, shown])

  useEffect(() => {
    for (const p of placed) assigned.current.set(p.sessionId, p.hex)
    workshopSim.retain([...placed.map((p) => p.sessionId), ...exiting.map((e) => e.session.id)])
    workshopSim.reconcile(sessions)
    notifyZoneChanges()
    // Remember a placement the server does not know yet (once per session).
    for (const s of sessions) {
      const p = placed.find((z) => z.sessionId === s.id)
      if (!p || persisted.current.has(s.id)) continue
      if (s.zone && hexKey(s.zone) === hexKey(p.hex)) continue
      // An opened replay file's sessions are not this machine's: nothing of them is saved.
      if (useAppStore.getState().replay?.file) continue
      persisted.current.add(s.id)
      try {
        core()
          .invoke('sessions.update', { id: s.id, zone: p.hex })
          .catch(() => persisted.current.delete(s.id))
      } catch {
        persisted.current.delete(s.id)
      }
    }
  }, [placed, sessions, exiting])

  // Sessions that disappeared shrink away for 0.4 s.
  useEffect(() => {
    const now = nowSeconds()
    const current = new Map(placed.map((p) => [p.sessionId, p]))
    const gone: Exiting[] = []
    for (const [id, prev] of previous.current)
      if (!current.has(id)) gone.push({ ...prev, since: now })
    previous.current = new Map(
      placed.map((p) => [
        p.sessionId,
        { zone: p, session: sessions.find((s) => s.id === p.sessionId)! },
      ]),
    )
    for (const g of gone) {
      assigned.current.delete(g.session.id)
      // A deleted session's bookkeeping would otherwise outlive it (100 zones churned, 100 ids kept).
      persisted.current.delete(g.session.id)
    }
    if (gone.length === 0) return
    setExiting((list) => [
      ...list.filter((e) => !gone.some((g) => g.session.id === e.session.id)),
      ...gone,
    ])
    // Not cleared when the effect re-runs: the next change must not keep these zones forever.
    const timer = setTimeout(
      () => {
        exitTimers.current.delete(timer)
        setExiting((list) => list.filter((e) => !gone.includes(e)))
      },
      ZONE_EXIT_S * 1000 + 50,
    )
    exitTimers.current.add(timer)
  }, [placed, sessions])

  // Frame the workshop when zones appear or go, unless the user is looking at one zone; a focus
  // whose zone is gone (deleted) falls back to the overview.
  const count = shown.length
  useEffect(() => {
    const { cameraMode, focusedSessionId } = useSceneStore.getState()
    const focusGone =
      focusedSessionId !== null && !placed.some((p) => p.sessionId === focusedSessionId)
    if (cameraMode === 'overview' || focusGone) overview()
  }, [count, placed])

  const byId = useMemo(() => new Map(sessions.map((s) => [s.id, s])), [sessions])
  return (
    <group name="zones">
      {shown.map((p) => (
        <Zone
          key={p.sessionId}
          sessionId={p.sessionId}
          status={byId.get(p.sessionId)!.status}
          hue={p.hue}
          x={p.x}
          z={p.z}
          elevation={p.elevation}
          exitingSince={null}
        />
      ))}
      {exiting.map((e) => (
        <Zone
          key={`exit:${e.session.id}`}
          sessionId={e.session.id}
          status={e.session.status}
          hue={e.zone.hue}
          x={e.zone.x}
          z={e.zone.z}
          elevation={e.zone.elevation}
          exitingSince={e.since}
        />
      ))}
    </group>
  )
}
