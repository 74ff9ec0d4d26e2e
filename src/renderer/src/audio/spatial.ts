/**
 * Spatial audio by zone position (docs/original.md#sound): loudness falls off with distance from the
 * camera (never below 0.3), the focused zone is 25 % louder, and the pan follows the direction of
 * the zone relative to where the camera looks, within ±0.7.
 */
export const MIN_SPATIAL_VOLUME = 0.3
export const FALLOFF_PER_UNIT = 0.025
export const FOCUSED_BOOST = 1.25
export const MAX_PAN = 0.7

export interface Listener {
  x: number
  z: number
  /** Camera yaw (rotation.y), radians. */
  yaw: number
}

export function spatialize(
  source: { x: number; z: number },
  listener: Listener,
  focused: boolean,
): { volume: number; pan: number } {
  const dx = source.x - listener.x
  const dz = source.z - listener.z
  const d = Math.hypot(dx, dz)
  let volume = Math.max(MIN_SPATIAL_VOLUME, 1 / (1 + FALLOFF_PER_UNIT * d))
  if (focused) volume = Math.min(1, volume * FOCUSED_BOOST)
  const raw = d < 1e-6 ? 0 : Math.sin(Math.atan2(dx, dz) - listener.yaw)
  const pan = Math.max(-MAX_PAN, Math.min(MAX_PAN, raw))
  return { volume, pan }
}
