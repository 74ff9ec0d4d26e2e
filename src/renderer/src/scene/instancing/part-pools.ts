/**
 * Draws every visible PartSlot of the scene with one InstancedMesh per (geometry, material kind,
 * shadow flags): robots, subagents and station models of all zones cost a fixed few dozen draw
 * calls instead of about 150 per zone. `sync` runs once per rendered frame, after the scene's
 * world matrices are up to date and before three.js collects what to draw.
 */
import {
  BufferGeometry,
  Color,
  DynamicDrawUsage,
  InstancedBufferAttribute,
  InstancedMesh,
  type Material,
  type Object3D,
} from 'three'
import { materialKind, poolMaterial, type MaterialKind } from './material-kind'
import { isPartSlot, type PartSlot } from './part-slot'

/** First allocation per pool; doubles when a pool fills up. */
const INITIAL_CAPACITY = 16

class Pool {
  mesh: InstancedMesh
  count = 0
  private capacity = INITIAL_CAPACITY
  private geometry: BufferGeometry
  private opacity: InstancedBufferAttribute | null = null

  constructor(
    private readonly parent: Object3D,
    private readonly sourceGeometry: BufferGeometry,
    readonly material: Material,
    private readonly kind: MaterialKind,
    private readonly shadows: { cast: boolean; receive: boolean },
  ) {
    // Per-instance opacity is a geometry attribute, so those pools need their own geometry.
    this.geometry = kind.perInstanceOpacity ? sourceGeometry.clone() : sourceGeometry
    this.mesh = this.allocate()
  }

  private allocate(): InstancedMesh {
    const mesh = new InstancedMesh(this.geometry, this.material, this.capacity)
    mesh.instanceMatrix.setUsage(DynamicDrawUsage)
    // Instances spread over the whole workshop: one bounding sphere would only get in the way.
    mesh.frustumCulled = false
    mesh.castShadow = this.shadows.cast
    mesh.receiveShadow = this.shadows.receive
    mesh.count = 0
    mesh.setColorAt(0, new Color())
    mesh.instanceColor!.setUsage(DynamicDrawUsage)
    if (this.kind.perInstanceOpacity) {
      this.opacity = new InstancedBufferAttribute(new Float32Array(this.capacity), 1)
      this.opacity.setUsage(DynamicDrawUsage)
      this.geometry.setAttribute('instanceOpacity', this.opacity)
    }
    this.parent.add(mesh)
    return mesh
  }

  private grow(): void {
    const old = this.mesh
    const oldOpacity = this.opacity
    this.parent.remove(old)
    old.dispose()
    this.capacity *= 2
    if (this.kind.perInstanceOpacity) {
      // Frees the old per-instance buffer on the GPU along with the clone.
      this.geometry.dispose()
      this.geometry = this.sourceGeometry.clone()
    }
    this.mesh = this.allocate()
    this.mesh.instanceMatrix.array.set(old.instanceMatrix.array)
    this.mesh.instanceColor!.array.set(old.instanceColor!.array)
    if (oldOpacity && this.opacity) this.opacity.array.set(oldOpacity.array)
  }

  add(slot: PartSlot, color: Color): void {
    if (this.count >= this.capacity) this.grow()
    const i = this.count++
    this.mesh.setMatrixAt(i, slot.matrixWorld)
    this.mesh.setColorAt(i, color)
    if (this.opacity) this.opacity.setX(i, slot.opacity ?? slot.material.opacity)
  }

  commit(): void {
    this.mesh.count = this.count
    this.mesh.visible = this.count > 0
    if (this.count === 0) return
    this.mesh.instanceMatrix.clearUpdateRanges()
    this.mesh.instanceMatrix.addUpdateRange(0, this.count * 16)
    this.mesh.instanceMatrix.needsUpdate = true
    this.mesh.instanceColor!.clearUpdateRanges()
    this.mesh.instanceColor!.addUpdateRange(0, this.count * 3)
    this.mesh.instanceColor!.needsUpdate = true
    if (this.opacity) this.opacity.needsUpdate = true
  }

  dispose(): void {
    this.parent.remove(this.mesh)
    this.mesh.dispose()
    this.material.dispose()
    if (this.geometry !== this.sourceGeometry) this.geometry.dispose()
  }
}

export class PartPools {
  private readonly pools = new Map<string, Pool>()
  private readonly slots: PartSlot[] = []

  /** Pool meshes are added to `parent`, which must be part of the rendered scene. */
  constructor(private readonly parent: Object3D) {}

  /** Collects the visible slots under `root` into the pools. */
  sync(root: Object3D): void {
    this.slots.length = 0
    root.traverseVisible((o) => {
      if (isPartSlot(o)) this.slots.push(o)
    })
    for (const pool of this.pools.values()) pool.count = 0
    for (const slot of this.slots) {
      const kind = materialKind(slot.material)
      const key = `${slot.geometry.uuid}|${kind.key}|${slot.castShadow}|${slot.receiveShadow}`
      let pool = this.pools.get(key)
      if (!pool) {
        pool = new Pool(this.parent, slot.geometry, poolMaterial(slot.material, kind), kind, {
          cast: slot.castShadow,
          receive: slot.receiveShadow,
        })
        this.pools.set(key, pool)
      }
      pool.add(slot, kind.color)
    }
    for (const pool of this.pools.values()) pool.commit()
    this.slots.length = 0
  }

  /** Draw calls the pools issue (for tests and the debug hook). */
  get activePools(): number {
    let n = 0
    for (const pool of this.pools.values()) if (pool.count > 0) n++
    return n
  }

  dispose(): void {
    for (const pool of this.pools.values()) pool.dispose()
    this.pools.clear()
  }
}
