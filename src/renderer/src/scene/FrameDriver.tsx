/**
 * Drives the on-demand frame loop: steps the simulation first in every frame and asks for the
 * next frame only while something moves, so an idle workshop renders nothing. Also wires the
 * simulation's wake-ups to invalidate() and counts frames.
 */
import { useEffect } from 'react'
import { useFrame, useThree } from '@react-three/fiber'
import { countFrame, framesHeld, setWake } from './frame-demand'
import { nowSeconds } from './sim/clock'
import { workshopSim } from './sim/world-sim'

/** Runs before the default-priority callbacks that read the simulation. */
const BEFORE_EVERYTHING = -10

export function FrameDriver() {
  const invalidate = useThree((s) => s.invalidate)
  useEffect(() => {
    setWake(() => invalidate())
    return () => setWake(null)
  }, [invalidate])
  useFrame(() => {
    countFrame()
    const busy = workshopSim.step()
    if (busy || framesHeld(nowSeconds())) invalidate()
  }, BEFORE_EVERYTHING)
  return null
}
