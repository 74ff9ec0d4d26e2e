/**
 * Makes `<partSlot geometry material position … />` available in JSX. Import this module (for its
 * side effect) wherever parts are declared.
 */
import { extend, type ThreeElement } from '@react-three/fiber'
import { PartSlot } from './part-slot'

extend({ PartSlot })

declare module '@react-three/fiber' {
  interface ThreeElements {
    partSlot: ThreeElement<typeof PartSlot>
  }
}
