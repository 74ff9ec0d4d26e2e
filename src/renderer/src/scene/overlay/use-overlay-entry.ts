/** Registers an overlay element with the projector for as long as the component is mounted. */
import { useLayoutEffect, useRef } from 'react'
import type { Vector3 } from 'three'
import { registerOverlay, type OverlayKind } from './overlay-registry'

export interface OverlayAnchor {
  key: string
  kind: OverlayKind
  sessionId: string
  anchor(out: Vector3): boolean
  top?(out: Vector3): boolean
  minZonePx?: number
}

export function useOverlayEntry<T extends HTMLElement>(spec: OverlayAnchor) {
  const ref = useRef<T>(null)
  // The anchor functions read live placement, so the latest spec is used without re-registering.
  const latest = useRef(spec)
  useLayoutEffect(() => {
    latest.current = spec
  })
  const { key, kind, sessionId } = spec
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    return registerOverlay({
      key,
      kind,
      sessionId,
      el,
      anchor: (out) => latest.current.anchor(out),
      top: (out) => latest.current.top?.(out) ?? false,
      minZonePx: latest.current.minZonePx ?? 0,
    })
  }, [key, kind, sessionId])
  return ref
}
