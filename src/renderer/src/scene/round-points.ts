/**
 * Points are drawn as squares; these are soft round motes instead: the fragment shader cuts each
 * point to a disc and fades its rim (ambient particles, zone bursts).
 */
import { BufferAttribute, BufferGeometry, type PointsMaterial } from 'three'

/** A geometry of `count` points, all at the origin until the owner writes their positions each frame. */
export function pointsGeometry(count: number): BufferGeometry {
  const g = new BufferGeometry()
  g.setAttribute('position', new BufferAttribute(new Float32Array(count * 3), 3))
  return g
}

export function roundPoints<T extends PointsMaterial>(m: T): T {
  m.onBeforeCompile = (shader) => {
    shader.fragmentShader = shader.fragmentShader.replace(
      '#include <alphatest_fragment>',
      `{
  float r = length(gl_PointCoord - vec2(0.5));
  if (r > 0.5) discard;
  diffuseColor.a *= 1.0 - smoothstep(0.2, 0.5, r);
}
#include <alphatest_fragment>`,
    )
  }
  m.customProgramCacheKey = () => 'round-points'
  return m
}
