/**
 * Compiles the workshop's shaders when the scene starts, not when the first session arrives: one
 * complete zone — floor, every station, a working robot, a subagent, a pill, a burst — is drawn
 * for a couple of frames behind a hidden canvas, which builds every instanced part pool and
 * every shader program the scene will use. Then it is removed. Without this, the first zone of a
 * session would stall the page for as long as the compiles take (seconds in software GL).
 */
import { useEffect, useRef } from 'react'
import { useFrame } from '@react-three/fiber'
import { nowSeconds } from './sim/clock'
import { workshopSim } from './sim/world-sim'
import { addPill, spawnSubagent } from './sim/zone-sim'
import { Zone } from './zone/Zone'

export const WARM_UP_ID = '__warm-up__'
/** Frames drawn before the warm-up zone goes: the first builds the pools, the second uses them. */
const WARM_UP_FRAMES = 2

export function WarmUp({ onDone }: { onDone(): void }) {
  const frames = useRef(0)
  const done = useRef(false)
  const seeded = useRef(false)
  if (!seeded.current) {
    seeded.current = true
    const now = nowSeconds()
    const zone = workshopSim.zone(WARM_UP_ID)
    zone.robot.state = 'working'
    spawnSubagent(zone, 'warm-up-subagent', 'Explore', now)
    addPill(zone, { icon: 'Wrench', text: 'warm-up', color: '#ffffff', style: 'success' }, now)
    zone.burstAt = now
  }
  useEffect(
    () => () => workshopSim.retain([...workshopSim.zones.keys()].filter((id) => id !== WARM_UP_ID)),
    [],
  )
  useFrame(({ invalidate }) => {
    frames.current++
    if (frames.current >= WARM_UP_FRAMES && !done.current) {
      done.current = true
      onDone()
    } else invalidate()
  })
  return (
    <Zone
      sessionId={WARM_UP_ID}
      status="working"
      hue={0}
      x={0}
      z={0}
      elevation={0}
      exitingSince={null}
      instant
    />
  )
}
