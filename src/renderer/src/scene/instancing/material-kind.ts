/**
 * Groups materials that differ only in colour: such parts share one instanced draw call and get
 * their colour per instance (instanceColor multiplies a white material colour, which gives the
 * same result as the material colour itself). Everything else that changes the shader or the
 * blend state (emissive, metalness, opacity, blending, side…) is part of the kind.
 */
import { Color, type Material, MeshBasicMaterial, MeshStandardMaterial } from 'three'

export interface MaterialKind {
  key: string
  /** The colour each instance of this material gets. */
  color: Color
  /** Opacity is set per instance (see PartSlot.opacity) instead of being part of the kind. */
  perInstanceOpacity: boolean
}

const kinds = new WeakMap<Material, MaterialKind>()
const WHITE = new Color(1, 1, 1)

function blendKey(m: Material, perInstanceOpacity: boolean): string {
  const opacity = perInstanceOpacity ? 'inst' : m.opacity
  return `${m.transparent}:${opacity}:${m.blending}:${m.side}:${m.depthWrite}:${m.depthTest}:${m.toneMapped}`
}

export function materialKind(m: Material): MaterialKind {
  let kind = kinds.get(m)
  if (kind) return kind
  const perInstanceOpacity = m.userData.perInstanceOpacity === true
  const blend = blendKey(m, perInstanceOpacity)
  if (m instanceof MeshStandardMaterial) {
    const e = m.emissiveIntensity > 0 ? m.emissive.getHexString() : '-'
    kind = {
      key: `std:${e}:${m.emissiveIntensity}:${m.metalness}:${m.roughness}:${blend}`,
      color: m.color.clone(),
      perInstanceOpacity,
    }
  } else if (m instanceof MeshBasicMaterial) {
    kind = { key: `basic:${blend}`, color: m.color.clone(), perInstanceOpacity }
  } else {
    // Any other material draws as it is, one pool per material object.
    kind = { key: `own:${m.uuid}`, color: WHITE, perInstanceOpacity: false }
  }
  kinds.set(m, kind)
  return kind
}

/** The material a pool draws with: the first member's, made white (colour comes per instance). */
export function poolMaterial(source: Material, kind: MaterialKind): Material {
  const m = source.clone()
  if (kind.key.startsWith('own:')) return m
  ;(m as MeshBasicMaterial | MeshStandardMaterial).color.copy(WHITE)
  if (kind.perInstanceOpacity) {
    m.opacity = 1
    m.onBeforeCompile = (shader) => {
      shader.vertexShader = shader.vertexShader
        .replace(
          '#include <common>',
          '#include <common>\nattribute float instanceOpacity;\nvarying float vInstanceOpacity;',
        )
        .replace(
          '#include <begin_vertex>',
          '#include <begin_vertex>\nvInstanceOpacity = instanceOpacity;',
        )
      shader.fragmentShader = shader.fragmentShader
        .replace('#include <common>', '#include <common>\nvarying float vInstanceOpacity;')
        .replace(
          '#include <color_fragment>',
          '#include <color_fragment>\ndiffuseColor.a *= vInstanceOpacity;',
        )
    }
    m.customProgramCacheKey = () => 'instance-opacity'
  }
  return m
}
