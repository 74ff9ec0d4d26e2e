/**
 * Points are drawn as squares; these are soft round motes instead: the fragment shader cuts each
 * point to a disc and fades its rim (ambient particles, zone bursts).
 */
import type { PointsMaterial } from 'three'

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
