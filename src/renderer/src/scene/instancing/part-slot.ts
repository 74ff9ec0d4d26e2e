/**
 * A mesh stand-in that draws nothing itself: it carries a geometry, a material and a transform in
 * the scene graph (so poses, bobbing, enter animations and level of detail work as for a mesh),
 * and the part pools draw every visible slot of the same kind in one instanced draw call.
 */
import { BufferGeometry, MeshBasicMaterial, Object3D, type Material } from 'three'

/** Placeholders until React sets the real props; never drawn. */
const NO_GEOMETRY = new BufferGeometry()
const NO_MATERIAL = new MeshBasicMaterial()

export class PartSlot extends Object3D {
  readonly isPartSlot = true
  geometry: BufferGeometry = NO_GEOMETRY
  material: Material = NO_MATERIAL
  /**
   * Opacity of this instance, for materials flagged `userData.perInstanceOpacity` (station glow
   * rings pulse one by one while sharing one draw call). Null: the material's opacity.
   */
  opacity: number | null = null

  constructor(geometry?: BufferGeometry, material?: Material) {
    super()
    if (geometry) this.geometry = geometry
    if (material) this.material = material
  }
}

export function isPartSlot(o: Object3D): o is PartSlot {
  return (o as Partial<PartSlot>).isPartSlot === true
}
